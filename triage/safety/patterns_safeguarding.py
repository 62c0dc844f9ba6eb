"""Safeguarding rules (no tense requirement): self-harm, sexual offences, domestic abuse, child at risk, trafficking, stalking, hate crime."""

from __future__ import annotations

from triage.safety.hit import EMERGENCY, SAFEGUARDING
from triage.safety.rule import AGE_NP, CHILD_NP, Rule, RuleTable
from triage.safety.vocab import WORDS, fs

_E, _G = EMERGENCY, SAFEGUARDING


def safeguarding_rules() -> list[Rule]:
    table = RuleTable()
    add = table.add
    child, age = CHILD_NP, AGE_NP
    add(
        "self_harm",
        _G,
        "self_harm",
        "any",
        "kill|killing|kil|end|ending|hang|hanging|harm|harming @SELF",
        "kill|killing|kil|hang|hanging|harm|harming himself|herself|themselves|themself",
        "end|ending my|his|her|their life|lives",
        "end it all",
        "end things",
        "take|taking|took my|his|her|their own life",
        "suicide|suicidal|sucidal|sucide|suicidel|suicde",
        "@WANT|wanna to? die",
        "better off dead|without",
        "no reason|point to|in live|living",
        "do|does n't|nt|not want to live|exist",
        "do|does n't|nt|not want to be here|alive|around anymore|any|no",
        "do|does n't|nt|not want to be alive",
        "self -? harm|harming|harmed",
        "selfharm|selfharming",
        "cutting|burning @SELF",
        "@SELFHARM_FRAME to|of|about|like? cut|cutting|hurt|hurting|end|ending @SELF",
        "@SELFHARM_FRAME to|of|about|like? end|ending it",
        "how many|much @PILLS|painkillers it would|'d take|to",
        "looking|looked|googling|googled|searching|searched up? how to kill|end|hang|overdose",
        "everything|life|it all @BE|feels|seems @ADV? pointless",
        "overdose|overdosed|overdosing",
        reject_next=fs("of laughing with up"),
    )
    add(
        "sexual_offence",
        _G,
        "sexual_offence",
        "any",
        "rape|raped|raping|rapist|rapists|rapes",
        "sexually assaulted|abused|harassed|touched|exploited|attacked|assaulting|abusing",
        "sexual assault|abuse|harassment|offence|exploitation|violence|attack|assaults",
        "indecent exposure|images|image|photos|pictures|videos|assault",
        "revenge porn",
        "intimate images|pictures|photos|videos|pics|image",
        "nudes",
        "nude photos|pictures|pics|images|videos",
        "sextortion|upskirt|upskirting|groped|groping|grope|molested|molesting|molest",
        "flashed me|us|her|at",
        "exposed himself|themselves|herself",
        "touched|touching|touches|touch me|her|him|them|us",
        "touched|touching|touches my|her|his @BODY|@CHILD",
        "touched|touching inappropriately",
        "spiked|spiking",
        "forced|forcing|made|make|makes|pressured|pressuring me|her|him|us|them to? have|into sex",
        "forced|forcing|made|make|makes me|her|him|us|them to? do|perform sexual|sex",
        "forced himself|themselves on|onto me|her|him",
        exclude_context=fs(WORDS["CAMERA"]),
    )
    add(
        "domestic_abuse",
        _G,
        "domestic_abuse",
        "any",
        "@FAMILY _? _? _? @DA_VERB @DA_OBJ",
        "@FAMILY _? _? _? threatened|threatens|threatening|threatning to @KILLV|@HARMV @DA_OBJ",
        "@FAMILY -? @PARTNER? @BE|was|is|can|gets|getting|been|being|be @ADV? @DA_ADJ",
        "@FAMILY _? _? _? wo|does|do|will|did n't|nt|not|never let|lets|allow|allows me|us leave|go|see|"
        "out|have|work|talk|use|contact|speak|eat|sleep",
        "@FAMILY _? _? _? takes|took|controls|control|controlling|keeps|kept|checks|monitors|tracks|reads "
        "all? my|our money|phone|passport|bank|card|cards|wages|benefits|messages|texts|location|finances",
        "domestic abuse|violence|violent|incident|abuser",
        "coercive control|controlling|behaviour",
        "controlling behaviour|relationship|partner|husband|boyfriend|ex|wife|girlfriend",
        "abusive relationship|partner|ex|husband|boyfriend|marriage|wife|girlfriend",
        "dv",
        "@FAMILY _? _? _? @BE|was|'s|is @ADV? rough|violent|heavy handed with me|her|us|him|the",
        "forced|arranged marriage",
        "honour based|-|violence|abuse|crime",
        "he|she beats|hits|punches|slaps|kicks|strangles|chokes|abuses|batters|threatens|hurts|pins|shoves me|us",
        "he|she keeps hitting|beating|hurting|threatening|punching|slapping|kicking|strangling me|us",
        "scared|afraid|frightened|terrified of my|our|her|his ex? @PARTNER",
        "@FAMILY _? _? _? said|says|told|tells|telling|saying|texted|messaged|threatened|threatens|threatening|"
        "swore|swears|messages|texts|posted|wrote _? _? _? _? @KILLV|@HARMV|burn|torch @DA_OBJ",
        "@FAMILY _? _? _? threatened|threatens|threatening|threatning to burn|torch|petrol|set",
        "@KILLV|@HARMV me|us if i|we leave|left|leaves|go|went him|her",
        "@FAMILY _? _? _? @HAS|had? @ADV? taken|took|takes|taking|take over? my|our|her|his "
        "bank|money|account|accounts|card|cards|wages|benefits|pension|finances|passport|keys",
        exclude_context=fs(WORDS["NOT_VEHICLE"]),
    )
    add(
        "child_at_risk",
        _G,
        "child_at_risk",
        "any",
        f"{child} _? _? _? left|leave|leaves|leaving alone|unattended",
        f"{child} _? _? _? left|leave|leaves|leaving on their|his|her own",
        f"{child} _? _? _? left|leave|leaves|leaving home alone",
        f"{child} _? _? _? left|leave|leaves|leaving in a|the car|van",
        f"{child} _? _? _? look|looks|looked|seem|seems|seemed neglected|starved|malnourished|starving",
        f"{child} _? _? locked in|inside",
        f"left|leaves|leaving|leave {child} alone|unattended",
        f"left|leaves|leaving|leave {child} home alone",
        f"left|leaves|leaving|leave {child} in a|the car|van",
        f"{age} _? _? left|leave|leaves|leaving home? alone",
        f"{child} @BE|was|were|being|been|getting|gets|has|have? being|been? "
        "abused|neglected|groomed|exploited|starved|beaten|mistreated|molested|trafficked|"
        "radicalised|radicalized",
        "child|children abuse|neglect|cruelty|exploitation|grooming|protection|trafficking|sexual",
        "neglecting|neglects|neglected|abusing|abuses|grooming @POSS? @CHILD_ADJ? @CHILD",
        "paedophile|pedophile|paedo|pedo|nonce|paedophiles|pedophiles",
        f"messaging|messages|texting|contacting|chatting|talking|sending to? {child}",
        f"messaging|messages|texting|contacting|chatting|talking|sending to? {age}",
        f"asking {child} for pictures|photos|nudes|pics|images",
        f"{child} used|using to sell|deal|carry|run",
        "groomed|grooming",
        f"{child} _? _? _? _? left|leave|leaves|leaving on their|his|her own|alone",
        f"{child} _? _? _? _? left|leave|leaves|leaving home alone",
        *(
            f"{np} _? _? @HAS? @ADV? keeps|keep|kept|been|always|often|regularly going|goes|go missing"
            for np in (child, age + " @CHILD?")
        ),
        "flinches|flinching|flinched|cowers|cowering|cowered when|if",
        "rough|violent|heavy handed with @POSS @CHILD_ADJ? @CHILD|grandchildren|grandkids",
        child_age=True,
    )
    add(
        "trafficking",
        _G,
        "trafficking",
        "any",
        "took|taken|take|taking|takes|has|have|'s|s|keep|keeps|kept|holding|hold|held|got|confiscated "
        "my|our|her|his|their @PASSPORT",
        "n't|nt|not|never|refuse|refuses|refused|refusing give|return|hand me|us? back? "
        "my|our|her|his|their @PASSPORT",
        "forced|forcing|force to|me|us|her|him|them work|sell|beg|steal|deal|grow|stay|live|cook",
        "forced|forcing|force me|us|her|him|them to work|sell|beg|steal|deal|grow|stay|live|cook|have|sleep",
        "made to work for no|nothing|free",
        "forced into prostitution|sex|work|labour|labor",
        "not allowed|permitted to leave",
        "wo|wont|will|does n't|nt|not let me|us|her|him|them leave",
        "locked|locking|lock me|us|her|him|them in|inside",
        "keeps|kept|keep|keeping me|us|her|him|them locked",
        "modern slavery",
        "owes|owe|owed|owing him|them|her £|money|thousands|loads",
        "owes|owe|owed|owing him|them|her #",
        "ca|can|cannot n't|nt|not leave|go home|escape",
        "never|n't|nt|not allowed|permitted|let out|outside",
        "@BE|being @ADV? mistreated|exploited",
        "@BE|being @ADV? kept|held prisoner|prisoners|captive",
        "@BE|being|are @ADV? kept|held there|inside|prisoner|prisoners|captive|locked",
        "slavery|slave|slaves|trafficked|trafficking|trafficker|traffickers",
        "debt bondage",
        "forced labour|labor",
        reject_prev=fs(WORDS["TRAFFIC_NOT_PREV"]) | fs("i we"),
    )
    add(
        "stalking",
        _G,
        "stalking",
        "any",
        "stalking|stalked|stalker|stalkers|stalks|stalk|cyberstalking",
        "harass|harassed|harassing|harassment|harrassed|harrassing|harrassment|harasment|harrasment|"
        "harased|harrased",
        "@KEEP @STALK_ING me|up|at|outside|round|around|my|us",
        "wo|wont|will|does|do n't|nt|not leave me|us alone",
        "been @FOLLOWING me|us",
        "@FOLLOWING me|us for|since|everywhere|every|around|all",
        "turns|turned|turning|shows|showed|showing up at|outside my|our",
        "tracking|tracked|tracker my|on",
        "watching my|our house|flat|home",
        "unwanted messages|contact|calls|attention",
        "wo|will|does|do|did n't|nt|not accept|take it|that|this @BE? over|no",
        "sent|sending|sends|texted|messaged me? over|hundreds|dozens|loads|hundred of? messages|texts|emails|calls",
        "sent|sending|sends|texted|messaged me? over? # messages|texts|emails|calls",
        exclude_context=fs("parcel parcels delivery order package dpd evri courier"),
        # "my mum keeps ringing me": family, work and firms keep ringing for ordinary reasons
        reject_prev=fs(
            "mum dad mom mother father nan gran grandma grandad brother sister son daughter boss manager bank "
            "school company insurance insurer council landlord agent hospital gp doctor work"
        ),
    )
    add(
        "stalking_followed",
        _G,
        "stalking",
        "any",
        "followed|following me|us home|to|back|from|around|round|everywhere",
        requires_any=fs(
            "scared afraid frightened terrified worried again twice times weeks months every keeps back "
            "regularly often"
        ),
    )
    add(
        "hate_crime",
        _G,
        "hate_crime",
        "any",
        "racist|racism|racially|racial|homophobic|homophobia|homophobe|transphobic|transphobia|"
        "biphobic|islamophobic|islamophobia|antisemitic|antisemitism|disablist|ableist|sectarian",
        "anti -? semitic|semitism",
        "hate crime|crimes|incident|incidents|speech|mail|attack",
        "religiously aggravated",
        "go back to your|their|his|her own? country",
        "go back to where you|they|we|i|he|she|u came|come|are|belong from?",
        "swastika|swastikas",
        "@HATE_ATTR|@HATE_GROUP people? @BE|are|is n't|not|nt welcome|wanted|allowed",
        "leaflets|leaflet|stickers|posters|notes|letters|graffiti saying|about @HATE_GROUP",
        "@HATE_ATTR slur|slurs|abuse|insult|insults|graffiti|remarks|taunts|chants|names",
        "n|p -? word|words",
        "mosque|synagogue|gurdwara|mandir _? _? _? attacked|vandalised|vandalized|damaged|graffitied|daubed|sprayed|"
        "smashed|targeted",
        "attacked|vandalised|vandalized|damaged|graffitied|daubed|sprayed|smashed|painted|targeted _? _? _? _? "
        "mosque|synagogue|gurdwara|mandir",
    )
    add(
        "hate_crime_because",
        _G,
        "hate_crime",
        "any",
        "because|cause|'cause|cos|coz|cuz of? my|his|her|their|our @HATE_ATTR",
        "because|cause|'cause|cos|coz|cuz i|he|she|they|we|am|is|are|'m|'s|'re|m|s @BE? a|an? @HATE_ATTR",
        "due to my|his|her|their|our|being @HATE_ATTR",
        "for being a|an? @HATE_ATTR",
        "being @HATE_ATTR",
        "because|'cause|cause|cos|coz|cuz i|he|she|they|we|my|his|her @PERSON? wear|wears|wearing|wore @DET? "
        "@HATE_ATTR",
        "for|over wearing @DET|@POSS? @HATE_ATTR",
        requires_any=fs(WORDS["HATE_CONTEXT"]),
    )
    return table.rules
