"""Word classes and the token-pattern mini-language shared by every rule table.

A rule pattern is a space-separated string of tokens (see ``spec``); ``@NAME`` in a token refers to
one of the word classes in ``WORDS`` (lower case). The tables here are plain constants: nothing
is compiled at import time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Word classes (lower case). ``@NAME`` in a pattern token refers to ``WORDS["NAME"]``.
WORDS: dict[str, tuple[str, ...]] = {}


def _set(name: str, words: str) -> None:
    """Defines ``WORDS[name]``; ``@OTHER`` inside ``words`` takes in a class defined earlier."""
    out: list[str] = []
    for word in words.split():
        out.extend(WORDS[word[1:]] if word.startswith("@") else [word])
    WORDS[name] = tuple(out)


def fs(words: str | Iterable[str]) -> frozenset[str]:
    """A frozenset of words: a space-separated string, or any iterable of words / phrases."""
    return frozenset(words.split() if isinstance(words, str) else words)


_set("BE", "is are am 's 're 'm s re")
_set("HAS", "has have 's 've s ve")
_set("ADV", "still just currently now literally actually really right already again even also like")
_set("DET", "a an the his her their my some two 2 three this that another")
_set("POSS", "my our the his her their your")
_set("PRON", "he she they someone somebody i we it")
_set(
    "PERSON",
    "he she they them someone somebody man men guy guys bloke blokes lad lads woman women lady girl "
    "girls boy boys kid kids youth youths teenager teenagers teens people person group gang burglar "
    "burglars intruder intruders thief thieves robber robbers offender offenders attacker attackers "
    "stranger strangers driver neighbour neighbours neighbor ex partner husband wife boyfriend "
    "girlfriend dad father mum mom mother brother sister son daughter friend mate child stepdad "
    "uncle cousin him her mummy mommy mammy mam daddy nanny nana grandma grandad",
)
_set(
    "VICTIM",
    "someone somebody man woman boy girl child kid pedestrian cyclist biker motorcyclist person "
    "people lad guy lady bloke driver passenger friend mate son daughter dad mum husband wife brother "
    "sister baby toddler teenager mummy mommy mammy mam daddy nanny nana grandma grandad",
)
#: Tools that are a weapon in someone's hand ("he's got a wrench"), not on their own ("screwdriver").
_set("TOOL_WEAPON", "wrench wrenches spanner spanners screwdriver screwdrivers cosh")
_set(
    "WEAPON",
    "knife knives knifes knif knive nife kinfe kife blade blades machete machetes machette mechete "
    "machetti gun guns gunn pistol pistols handgun shotgun shotguns rifle rifles firearm firearms "
    "crossbow crossbows sword swords axe axes hatchet hatchets hammer hammers crowbar crowbars bat bats "
    "cleaver cleavers taser tasers weapon weapons "
    "knuckleduster knuckledusters baton @TOOL_WEAPON",
)
_set(
    "WADJ",
    "big massive huge large small kitchen zombie samurai baseball cricket metal iron broken carving "
    "bread stanley hunting real fake long sharp meat flick sawn machine air",
)
_set(
    "WACT",
    "waving waiving brandishing holding carrying wielding pointing swinging pulled pulling pulls "
    "flashing showing brandished waved pointed swung flicking flicked",
)
_set(
    "WEAPON_NOT_NEXT",
    "licence license licences licenses certificate certificates collection amnesty crime crimes "
    "permit club shop set sharpener block drawer bin bins",
)
_set(
    "INJ",
    "stabbed stabed stabbd knifed shot glassed slashed wounded injured hurt battered bottled "
    "bleeding bleading",
)
_set("SEVERE", "bad severe massive serious major big really very awful terrible")
_set("INJADV", "badly seriously really very quite so proper bad still just heavily also too")
_set("VEHICLE", "car cars van bus lorry truck vehicle motorbike bike train taxi")
_set(
    "AOBJ",
    "me us him her them someone somebody a an the my his our their this that some people each "
    "everyone everybody woman man girl boy kid child lad guy bloke lady mummy mommy mammy mam daddy mum "
    "dad nan nanny nana grandma grandad",
)
_set(
    "ASSAULT_ING",
    "attacking assaulting beating battering hitting punching stabbing slapping headbutting hurting "
    "threatening mugging robbing kicking booting bashing glassing",
)
_set("BREAKING", "breaking braking brakeing breakin brekaing breakng")
_set("BREAK_NEXT", "in into in2 down through windows window doors door")
_set(
    "BREAK_OBJ",
    "window windows door doors car cars van house shed garage lock locks gate fence things stuff flat home",
)
_set(
    "STEALING",
    "stealing steeling stealin nicking robbing burgling looting mugging pinching siphoning syphoning "
    "siphonning syphonning siphening rifling ransacking",
)
_set(
    "STEAL_NEXT",
    "my our the a from his her their someone people cars bikes stuff things everything parcels it them bags "
    "diesel petrol fuel oil lead copper cable cables metal tools wheels tyres plates batteries catalytic "
    "cat cats converters phones phone bike car van scaffolding stock goods through off out all loads",
)
#: Subjects for theft verbs that are ordinary words on their own ("carrying", "loading", "taking").
_set(
    "THIEF",
    "someone somebody man men guy guys bloke blokes lad lads youths youth kids people person stranger "
    "strangers thief thieves burglar burglars robber robbers gang group woman women boys teenagers "
    "teens he she they",
)
_set(
    "CARRY",
    "carrying carryin loading emptying taking clearing removing shifting lifting wheeling dragging "
    "stripping grabbing filling cutting unscrewing unbolting jacking pushing sawing sawin grinding chopping "
    "prising prying levering",
)
_set(
    "LOOT",
    "stuff things everything bikes bike tools tool telly tv tvs parcels parcel items furniture till tills "
    "wheels wheel tyres plates catalytic cat converter lead copper fuel diesel petrol scaffolding ladders "
    "ladder stock goods valuables jewellery laptop laptops car cars van motorbike moped scooter shed "
    "garage house flat shop store lorry lorries trailer caravan generator mower quad",
)
_set(
    "LOOT_MOD",
    "my our his her their the next neighbours neighbour's neighbour neighbors all of whole entire "
    "some two three loads load lots bags boxes a an nan nans gran grans mum mums dad dads grandad "
    "grandads friend friends mate mates charity door doors",
)
_set("SMASHING", "smashing smashin trashing wrecking vandalising vandalizing damaging keying slashing")
_set(
    "SMASH_NEXT",
    "my our the his her their a up in everything windows window cars car doors door stuff things "
    "glass bottles tyres",
)
_set("KICK_NEXT", "in down off my the our his her their a me him them someone it")
_set(
    "FIGHT_REJECT",
    "the a an this that my it his her their our your against for cancer back tooth fines fine ticket "
    "case charge appeal fit",
)
_set(
    "FIGHTERS",
    "people men lads youths kids guys boys girls women neighbours couple group gang groups gangs",
)
_set("FIGHT_N", "fight fights brawl riot scrap punch-up punchup fighting stabbing shooting")
_set("FIGHT_ADJ", "big massive huge mass serious bad proper violent")
_set("TRYING", "trying tryin tryna tring")
_set(
    "TRY_OBJ",
    "in into through down open my the our his her a it them door doors lock locks window windows car "
    "cars van gate shed garage",
)
_set("TRY_OBJ2", "my our me him her them us cars bikes car bike bag bags phone stuff things")
_set("DOOR", "door doors handle handles window windows letterbox lock locks gate shed sheds garage garages")
_set(
    "INTRUDER",
    "someone somebody people man men guy guys stranger strangers intruder intruders burglar "
    "burglars person lads youths",
)
_set(
    "PLACE",
    "house home flat garden shed garage loft attic kitchen bedroom room property building back front roof "
    "drive driveway yard hallway hall stairs basement cellar porch conservatory bathroom",
)
_set(
    "LOC_STILL",
    "here there outside inside in around about nearby upstairs downstairs hanging hiding sat sitting "
    "standing waiting lurking on at next stood parked by near",
)
_set(
    "LOC_REJECT",
    "work school bed college uni university hospital sleep asleep abroad prison jail custody court "
    "love charge",
)
_set("OFFENDER", "burglar burglars intruder intruders thief thieves robber robbers offender attacker")
_set("ABUSER", "abuser stalker attacker rapist")
_set(
    "PARTNER",
    "partner husband wife boyfriend girlfriend fiance fiancé fiancee spouse ex",
)
_set(
    "FAMILY",
    "partner husband wife boyfriend girlfriend fiance fiancé fiancee spouse ex dad father stepdad "
    "stepfather mum mother mom stepmum brother sister son daughter uncle family mummy mommy daddy",
)
_set(
    "DA_VERB",
    "hits hit hitting beats beat beating beaten punches punched punching slaps slapped slapping kicks "
    "kicked kicking pushes pushed pushing shoves shoved strangles strangled strangling chokes choked "
    "choking abuses abused abusing threatens threatened threatening hurts hurt hurting assaulted "
    "assaults attacked attacks attacking bullies bullied intimidates intimidated scares terrifies "
    "batters battered rapes raped",
)
_set("DA_OBJ", "me us her him them my our the kids children")
_set("DA_ADJ", "abusive violent controlling coercive")
_set(
    "NOT_VEHICLE",
    "car cars van vehicle bike bollard wall kerb curb post lamppost gate fence bumper mirror",
)
_set(
    "CHILD",
    "son sons daughter daughters child children kid kids boy girl baby toddler grandson granddaughter "
    "grandchild nephew niece stepson stepdaughter teenager teen toddlers tots kiddies kiddos youngsters",
)
_set("CHILD_ADJ", "little young youngest eldest oldest baby teenage")
_set("CHILD_POSS", "my our her his the a their")
_set(
    "ADULT",
    "mum mom mother dad father nan nana gran granny grandma grandad grandpa grandfather grandmother "
    "husband wife partner brother sister friend uncle aunt auntie neighbour mummy mommy mammy mam daddy "
    "nanny granddad",
)
_set("MISSING", "missing misisng missin mising")
_set("MISS_AUX", "is are 's 're has have 've been gone went go still now")
_set(
    "MISS_REJECT",
    "school lessons lesson class classes out his her my their the a an some you me him them home "
    "work appointments",
)
_set("KILLV", "kill kil murder stab shoot strangle")
_set("HARMV", "hurt harm attack beat batter")
_set(
    "KOBJ",
    "me us her him them everyone everybody someone somebody people my the our his",
)
_set("SELF", "myself meself myslef himself herself themselves themself")
_set("FUT", "will 'll wll")
_set("WANT", "want wants wanted")
_set("THREAT_ING", "threatening threatens threatning thretening threating")
_set("PILLS", "overdose od pills tablets tabs meds medication paracetamol sleeping")
_set(
    "NOT_BREATHING",
    "breathing breathin breating breathng breething",
)
_set("BREATHE", "breathe breath breate")
_set("UNCONSCIOUS", "unconscious unconcious unconsious unconsciuos unconcsious unresponsive")
_set("COLLAPSED", "collapsed colapsed collasped collaped")
#: What a casualty looks like: "the driver is slumped against the window".
_set("LIMP", "slumped sprawled motionless limp lifeless")
#: "with what looks like a machete": a hedge before a noun.
_set("LOOKS", "looks looked appears appeared seems seemed")
_set("FIRE_N", "house car flat building kitchen bin bins van shop garage garden shed field grass")
_set("SMOKE_NEXT", "coming pouring billowing everywhere filling from")
_set(
    "DD_MOD",
    "drunk dangerously erratically recklessly dangerous mad crazy fast badly",
)
_set("DRIVE_ING", "driving swerving weaving")
#: Road users as the subject of a manner of driving ("a lorry is all over the road").
_set(
    "VEH",
    "car cars van vans lorry lorries truck trucks hgv vehicle vehicles motorbike motorbikes bike moped "
    "mopeds bus coach taxi driver drivers motorist biker bmw audi merc mercedes transit tractor caravan "
    "4x4 suv jeep range rover land",
)
_set("VADJ", "white black silver grey gray red blue green yellow dark small big old boy racer")
_set("SWERVE", "swerving weaving drifting veering careering careening zigzagging zig-zagging lurching")
_set(
    "ANIMAL",
    "cow cows cattle calf calves bull bulls bullock bullocks horse horses pony ponies foal sheep lamb "
    "lambs ewe ewes deer stag goat goats pig pigs llama llamas alpaca alpacas donkey donkeys livestock "
    "herd flock",
)
_set(
    "ROAD",
    "road roads motorway motorways carriageway lane lanes dual a-road bypass junction roundabout highway "
    "slip sliproad hard m-way",
)
_set(
    "FAST",
    "motorway motorways carriageway lane lanes dual a-road bypass highway slip sliproad hard m-way",
)
_set(
    "RADJ",
    "main busy fast middle slow inside outside overtaking left right hard northbound southbound eastbound "
    "westbound dual other opposite",
)
_set(
    "DEBRIS",
    "mattress mattresses ladder ladders tyre tyres tire tires wheel debris pallet pallets sofa couch "
    "furniture box boxes branch branches tree trees rubble load sheet sheets wood planks plank timber "
    "metal exhaust bumper bag bags trolley object objects items item bricks brick rocks rock boulder "
    "boulders stones gravel oil diesel spill scaffolding pole poles pipe pipes fridge something "
    "cones barrier barriers panel door bike",
)
_set(
    "DRUNK",
    "drunk pissed hammered wasted steaming stoned high paralytic legless intoxicated drinking drink "
    "drugs coke pints pint beers drinks alcohol booze wine vodka lager cans",
)
_set("FOLLOWING", "following followin folowing chasing tailing trailing")
_set(
    "HELP",
    "help hlp halp",
)
_set(
    "HELP_ONLY_WORDS",
    "help hlp halp me us please someone somebody anyone anybody now quick quickly urgent urgently "
    "emergency sos asap god oh omg i need we police 999 hurry fast right immediately send",
)
_set("SCARED", "scared terrified frightened hiding petrified")
_set("SELFHARM_FRAME", "want wants wanted wanna going gon about thinking think thought feel felt urge")
_set(
    "HATE_ATTR",
    "black asian white gay lesbian bi bisexual trans transgender muslim jewish sikh hindu christian "
    "catholic disabled autistic deaf blind foreign polish romanian immigrant race religion faith "
    "sexuality disability colour color skin ethnicity nationality accent gender headscarf headscarves hijab "
    "turban niqab burka burqa kippah yarmulke skullcap patka",
)
#: Groups named in the plural ("muslims aren't welcome here").
_set(
    "HATE_GROUP",
    "muslims jews blacks asians immigrants foreigners gays lesbians poles romanians refugees migrants sikhs "
    "hindus travellers gypsies pakis",
)
_set(
    "HATE_CONTEXT",
    "called calling abuse abused abusing attacked targeted harassed harassing insulted spat shouted "
    "shouting threatened bullied picked assaulted hit punched names slurs slur graffiti vandalised "
    "damaged discriminated mocked hate hated hates abusive comments beaten kicked pushed threatening "
    "victimised bullying refused told picking pick picks targeting targets mocking taunting taunted "
    "laughing spitting",
)
_set(
    "CHILD_CONTACT",
    "man adult older stranger someone guy bloke men online snapchat instagram tiktok facebook app "
    "predator grown lad lads xbox playstation discord whatsapp gaming roblox fortnite",
)
_set("PASSPORT", "passport passports documents id papers visa")
_set("TRAFFIC_NOT_PREV", "drug drugs arms gun guns weapons cannabis")
_set(
    "KEEP",
    "keeps keep kept",
)
_set(
    "STALK_ING",
    "following messaging texting calling ringing phoning contacting turning showing watching waiting "
    "sending emailing commenting",
)
#: Parts of the body that make a grab or a touch sexual on their own ("grabbed my bum").
_set("SEX_BODY", "bum breasts breast crotch privates thigh thighs bottom boobs boob groin backside arse ass")
_set("BODY", "chest private leg legs body knee knees waist hips hip @SEX_BODY")
_set("CAMERA", "camera cameras van speed lights light flash")
_set("INTERJ_SUBJ", "he she they it i we someone somebody there")
#: A person who can be hurt, fall, collapse or be taken: the subject of the casualty rules.
_set(
    "CASUALTY",
    "someone somebody he she they man woman boy girl child kid kids lad guy lady bloke person people "
    "pedestrian cyclist biker rider motorcyclist driver passenger baby toddler teenager son daughter dad "
    "mum husband wife partner brother sister friend mate nan nana gran granny grandma grandad grandpa "
    "grandfather grandmother neighbour uncle aunt auntie walker climber swimmer mummy mommy mammy mam "
    "daddy nanny granddad grandpa flatmate housemate",
)
#: "grandads collapsed", "mums fallen": a relative with the possessive / "has" apostrophe dropped.
_set("KIN_S", "grandads nans grans grandmas grandpas mums dads husbands wifes partners brothers sisters")
_set(
    "WATER",
    "river canal lake sea water reservoir pond quarry dock docks harbour marina weir estuary stream "
    "brook loch lido sluice",
)
_set(
    "HEIGHT",
    "cliff cliffs ledge roof scaffolding scaffold balcony bridge quarry embankment ravine gorge crag "
    "rockface viaduct ladder ladders",
)
#: What someone in a garden / house is doing that is not a reason to be there.
_set("LURK", "lurking hiding loitering creeping prowling sneaking skulking crouching snooping crouched")
#: A child's things: "took the kids bikes" is a theft, not an abduction.
_set(
    "CHILD_THINGS",
    "bike bikes scooter scooters toy toys stuff things bag bags phone phones ipad ipads tablet tablets "
    "laptop laptops xbox playstation console games clothes shoes trainers coat coats money pram prams "
    "buggy pushchair presents uniform uniforms books trampoline football footballs ball balls swing "
    "swings bikes helmet helmets",
)
#: A crime verb in a relative clause: "the man who burgled me", "the lads that robbed my son".
_set(
    "CRIME_PAST",
    "burgled robbed stole nicked mugged attacked assaulted hit punched stabbed threatened broke raped hurt "
    "beat battered followed stalked harassed smashed",
)

#: Negation words (the gates look for one just before a match).
NEGATIONS = frozenset(
    ["no", "not", "n't", "nt", "never", "nobody", "noone", "nothing", "none", "without", "neither", "nor"]
)


_ANY_TOKEN, _NUMBER_TOKEN = "_", "#"


def _words(token: str) -> list[str]:
    out: list[str] = []
    for part in token.split("|"):
        if part == "#":
            raise ValueError(f"'#' cannot be part of an alternation: {token!r}")
        out.extend(WORDS[part[1:]] if part.startswith("@") else [part])
    return out


def spec(token: str) -> dict[str, Any]:
    """One pattern token.

    ``word``; ``a|b|@SET`` (any of, sets expanded); ``#`` (a number); ``_`` (any token);
    ``~regex`` (regex on the lower-case text, taken verbatim); a trailing ``?`` makes the token
    optional (not for ``~``).
    """
    if token.startswith("~"):
        return {"LOWER": {"REGEX": token[1:]}}
    optional = token.endswith("?") and len(token) > 1
    if optional:
        token = token[:-1]
    out: dict[str, Any]
    if token == _ANY_TOKEN:
        out = {}
    elif token == _NUMBER_TOKEN:
        out = {"LIKE_NUM": True}
    else:
        words = _words(token)
        out = {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}
    if optional:
        out["OP"] = "?"
    return out


def required_words(text: str) -> list[frozenset[str]]:
    """For each required token of a pattern that is a literal word list (not optional, ``_``, ``#``
    or a regex), its words: a match needs one word of each set in its text."""
    out: list[frozenset[str]] = []
    for token in text.split():
        optional = token.endswith("?") and len(token) > 1
        if optional or token in (_ANY_TOKEN, _NUMBER_TOKEN) or token[0] == "~":
            continue
        out.append(frozenset(_words(token)))
    return out


def pattern(text: str) -> list[dict[str, Any]]:
    """A whole pattern (rule or cue): one ``spec`` per space-separated token."""
    return [spec(t) for t in text.split()]
