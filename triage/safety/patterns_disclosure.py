"""Safeguarding told as a story: what was done, by whom, how often (issue #8 item 5).

The same categories and concerns as ``patterns_safeguarding`` (policy ``any``: a past disclosure
is still a disclosure), for messages that tell the event instead of naming it: "a man followed me
for fifteen minutes", "he put his hand on my thigh", "my husband decides who I can see", "the kids
next door always look hungry", "a man keeps giving the girls vapes".
"""

from __future__ import annotations

from triage.safety.hit import SAFEGUARDING
from triage.safety.rule import AGE_NP, CHILD_NP, Rule, RuleTable
from triage.safety.vocab import WORDS, fs

_G = SAFEGUARDING

#: Following online is not following in the street.
_ONLINE = fs("social media online instagram insta twitter tiktok facebook snapchat youtube account accounts")


def disclosure_rules() -> list[Rule]:
    table = RuleTable()
    add = table.add
    child, age = CHILD_NP, AGE_NP
    kids = "@DET|@POSS|some? @CHILD_ADJ? @CHILD|girls|boys|kids|children"
    partner = fs(WORDS["PARTNER"]) | fs("ex-partner ex-husband ex-boyfriend")

    add(
        "self_harm_cutting",
        _G,
        "self_harm",
        "any",
        "cut|cutting|cuts|burn|burnt|burned|burning|scratched|scratching|hurt|hurting my|his|her arms|arm|wrists|"
        "wrist|legs|leg|thighs|thigh|skin|stomach",
        requires_any=fs(
            "again keep keeps kept always urge urges purpose razor blade blades secretly hide hiding"
        ),
    )

    add(
        "sexual_touching",
        _G,
        "sexual_offence",
        "any",
        "put|puts|putting|placed|had|rubbed|rubbing|ran|running|stuck his|her|their hand|hands on|up|down|between|"
        "over|inside my|her @BODY",
        "hand|hands up my|her skirt|dress|top|shorts",
        "rubbed|rubbing|pressed|pressing|pushed|pushing|grinding|ground himself|themselves|his|up "
        "crotch|groin|body|privates|against|on|into? against|on|into? me|her|my|us",
        "grabbed|grabbing|grabs|touched|touching|felt|feeling|squeezed|groped|pinched me|her|us between the|my|her "
        "legs",
        "grabbed|grabbing|grabs|squeezed|squeezing|pinched|pinching|slapped|slapping|felt|feeling|stroked|"
        "stroking my|her|our @SEX_BODY",
        "wanking|masturbating|exposing himself|themselves",
        "exposed his|their penis|privates|genitals",
        "sexual comments|comment|remarks|things|noises|gestures|messages|jokes|stuff",
        "filmed|filming|recorded|recording|photographed|photographing|videoed|videoing me|her|him|us|them "
        "getting|while? changed|changing|undressed|undressing|naked|showering|in",
        "clothes|pants|knickers|underwear|trousers|jeans|top|dress _? half? off|missing|removed|undone|pulled",
        exclude_context=fs(WORDS["CAMERA"]) | fs("doctor nurse physio massage dentist"),
    )

    # "I said no and he didn't stop": consent refused, told across "and" / "but"
    add(
        "consent_ignored",
        _G,
        "sexual_offence",
        "any",
        "i|she|we said|kept|was|were saying? no _? _? he|she|they did|would|wo n't|nt|not stop|listen|care",
        "i|she|we said|kept|was|were saying? no _? _? he|she|they carried|kept on|going",
        reject_next=fs("asking messaging texting calling ringing talking arguing"),
        crosses_clauses=True,
    )

    add(
        "abused_by",
        _G,
        "sexual_offence",
        "any",
        "@PERSON|teacher|coach|priest|vicar|instructor|leader|carer|doctor|babysitter abused|molested me|us|him|her|them",
        exclude_context=fs(WORDS["FAMILY"]) | fs("verbally racially"),
    )

    add(
        "coercive_control",
        _G,
        "domestic_abuse",
        "any",
        "@PARTNER _? _? _? makes|made|forces|forced|force|make me|us|her send|tell|ask|show|account|give|hand|"
        "stay|check|share",
        "@PARTNER _? _? _? decides|decided|chooses|chose|controls|controlled|tells|told me|her? who|where|when",
        "@PARTNER _? _? _? goes|gets|went|got|will|would mad|mental|crazy|nuts|angry|furious if|when i|we|she",
        "goes|gets|went|got|will|would mad|mental|crazy|nuts|angry|furious if|when i|we|she see|sees|saw|go|goes|"
        "talk|talks|text|texts|wear|wears|leave|leaves|speak|speaks",
        "@BE|'m|am|is|'s n't|nt|not allowed|permitted|let to go|see|have|leave|work|talk|speak|wear|use|eat|"
        "contact|phone|ring|drive",
        "scared|afraid|frightened|terrified|petrified of him|her",
        "who|where i|she|we @BE allowed to see|go|talk|speak",
        "@BE|'m|am|is|'s n't|nt|not allowed|permitted my|a|any|her|his|friends|visitors|out|money",
        "says|said|tells|told me|her? i|she|we ca|can|cannot|could n't|nt|not see|go|talk|speak|have|leave|work",
        "put|installed|installs|puts|has|hid|hidden an? app|tracker|tracking|spyware|airtag on my|her|our phone|car",
        "grabbed|grabs|grabbing|dragged|drags|pulled|pulls|pinned|pins|held|holds me|her|him by "
        "the|my|her|his hair|throat|neck|arm|arms|wrist|wrists",
        requires_any=partner | fs(["moved in with", "living with", "lives with", "met online"]),
    )

    # an ex who turns up everywhere, knows where the writer is
    add(
        "stalking_ex",
        _G,
        "stalking",
        "any",
        "@PARTNER _? _? _? keeps|kept|always|still|been turning|showing|turns|shows up|round",
        "@PARTNER _? _? _? turned|turns|turning|showed|shows|showing up _? _? _? _? again|everywhere",
        "@PARTNER _? _? _? always|still? knows|knew|finds|found where i|we|she am|are|is|live|work|go|was|'m",
        "knows|knew|know|found which school|house|street|road|flat|nursery",
        requires_any=partner,
    )

    add(
        "stalking_messages",
        _G,
        "stalking",
        "any",
        "messages|texts|emails|posts|letters _? _? _? _? _? _? photos|pictures|videos of my|our "
        "house|home|flat|car|door|street|kids|children",
        "@KEEP getting|receiving messages|texts|calls|emails|letters|notes|parcels from",
        exclude_context=fs(
            "scam scams spam bank nuisance marketing company companies council school work gp hospital dvla hmrc "
            "insurer insurance solicitor"
        ),
    )

    add(
        "child_neglect_signs",
        _G,
        "child_at_risk",
        "any",
        "always|often|constantly|seems|seem|seemed|looks|look|looked|usually hungry|starving|filthy|unwashed|unfed|"
        "underfed|neglected|malnourished",
        "on his|her|their own late|at|all|after|till|until at? night|dark|midnight",
        "alone late|at|all|after at? night|dark|midnight",
        "at all hours",
        "in just|only a nappy|nappies|pants|vest|pyjamas",
        "for hours|ages without coats|coat|shoes|food|supervision|adults",
        "for hours|ages with no coats|coat|shoes|food|supervision|adults",
        "our|a little? secret",
        "comes|came|coming into|in my|her|his room|bed at night",
        "county lines",
        "pays|paid|paying|pay him|her|them|my|his|kids|children to carry|deliver|take|hold|move|drop|run|stash|sell",
        message_child=True,
    )

    add(
        "child_injury_signs",
        _G,
        "child_at_risk",
        "any",
        f"{child} _? _? _? @HAS|had|got|with|covered|always|often @ADV? in? bruises|bruising|burns|marks|welts|"
        "black",
        "@HAS|had|got|with|covered|always|often @ADV? in? _? _? _? bruises|bruising|burns|welts",
        child_age=True,
        requires_any=fs(
            "again always often keeps covered unexplained flinch flinches flinching scared frightened hides hiding "
            "explain excuses rough cross finger belt smacks slaps"
        ),
    )

    add(
        "child_exploitation",
        _G,
        "child_at_risk",
        "any",
        *(
            f"giving|gives|gave|given|offering|offers|offered|buying|buys|bought|supplying|selling {np} _? _? _? "
            "vapes|vape|alcohol|booze|drink|drinks|drugs|weed|cannabis|money|cash|lifts|lift|cigarettes|fags|"
            "gifts|phones"
            for np in (kids, age + " @CHILD|girls|boys|kids?", "him|her|them")
        ),
        "older|adult|grown men|lads|boys|guys|man|bloke|blokes pick|picks|picking|picked|collect|collects|collecting "
        "@POSS? @CHILD|him|her|them up",
        "coming|came|comes back|home with new|expensive|designer trainers|phones|phone|clothes|money|cash|gifts",
        "messages|messaging|chats|chatting|texts|texting|talking|snaps|photos|pictures _? _? _? from|with|to a|an|"
        "some @CHILD_CONTACT",
        "asking|asks|asked|told|tells|telling her|him|them to delete|hide",
        "asking|asks|asked|told|tells|telling her|him|them not to tell",
        "photographing|filming|videoing|recording|photos|pictures|videos|taking of? @POSS? @CHILD_ADJ? "
        "children|kids|girls|boys|schoolgirls|pupils",
        "keep it|this|things|them a? secret",
        "asking|asks|asked|wants|wanted for? my|her|his snapchat|snap|insta|instagram|number|address|pics|photos|"
        "pictures|nudes",
        "asking|asks|asked where i|she|he|we live|lives",
        message_child=True,
        requires_any=fs(WORDS["CHILD_CONTACT"]) | fs("lads older"),
    )

    add(
        "being_followed_story",
        _G,
        "stalking",
        "any",
        "@PERSON|@VEH|car|van @HAS|had? @ADV? followed|tailed me|us|her|him",
        "@PERSON|@VEH|car|van @HAS|had? @ADV? kept|been @FOLLOWING me|us|her|him",
        "i|we|she|he|@PERSON @BE|was|were|got|been|being|get|gets @ADV? followed|tailed",
        reject_prev=fs("police officer officers"),
        reject_next=fs("up on by up"),
        exclude_context=_ONLINE | fs("police officer officers patrol"),
    )
    return table.rules
