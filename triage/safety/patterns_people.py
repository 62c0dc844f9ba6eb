"""Emergency rules for people: a missing child or vulnerable adult, being followed, a cry for help."""

from __future__ import annotations

from triage.safety.hit import EMERGENCY, SAFEGUARDING
from triage.safety.rule import AGE_NP, CHILD_NP, Rule, RuleTable
from triage.safety.vocab import WORDS, fs

_E, _G = EMERGENCY, SAFEGUARDING

_FOLLOW_ONLINE = fs(
    "social media online instagram insta twitter tiktok facebook snapchat youtube account accounts"
)


#: "can't find him", "no one can find her": the person was named earlier in the message.
_CANT_FIND_PRONOUN = (
    "nobody|noone @HAS @ADV? seen|heard from? him|her|them",
    "no one @HAS @ADV? seen|heard from? him|her|them",
    "ca|can|could|cannot n't|nt|not find|locate him|her|them",
    "no one can|could find|locate him|her|them",
    "nobody|noone can|could find|locate him|her|them",
)
#: A missing adult is an emergency when the message says they are vulnerable.
_VULNERABLE = fs(
    "dementia alzheimers alzheimer alzheimer's vulnerable suicidal disabled autistic autism elderly confused "
    "frail learning"
)
#: "took the kids swimming": an outing, not an abduction.
_OUTINGS = fs("swimming shopping camping fishing bowling skating riding cycling walking")


def people_rules() -> list[Rule]:
    table = RuleTable()
    add = table.add
    child, age = CHILD_NP, AGE_NP
    missing = [
        "{np} @MISS_AUX? @MISS_AUX? @ADV? @MISSING",
        "ca|can|could|cannot n't|nt|not? find|see|locate {np}",
        "lost {np}",
        "{np} has|have|'s|did|does|is|s|ha n't|nt|not|never come|came|returned|got|been home|back",
        "{np} never come|came|returned|got home|back",
        "{np} @BE|has|have|'s n't|nt|not home|back yet",
        "{np} has|have|'s|'ve|s @ADV? run|ran|wandered|gone away|off",
        "{np} ran|run|wandered away|off",
        "{np} @HAS? @ADV? disappeared|vanished",
        "took|taken|grabbed|snatched|abducted|kidnapped {np}",
        "{np} @HAS @ADV? been taken|snatched|abducted|kidnapped",
    ]
    # "took the kids bikes": the child noun is a possessive modifier of the thing taken
    not_the_child = fs(WORDS["MISS_REJECT"]) | fs(WORDS["CHILD_THINGS"]) | fs("to 's")
    add(
        "missing_child",
        _E,
        "missing_child",
        "missing",
        *[m.format(np=np) for m in missing for np in (child, age + " @CHILD?")],
        f"@MISSING {child}",
        reject_next=not_the_child | _OUTINGS,
        child_age=True,
    )
    add(
        "missing_child_gone",
        _E,
        "missing_child",
        "missing",
        *[f"{np} @HAS @ADV? been gone" for np in (child, age + " @CHILD?")],
        reject_next=fs("to on with abroad"),
        child_age=True,
    )
    # a small child who has got out of the house / garden ("the toddler's got out")
    add(
        "missing_child_got_out",
        _E,
        "missing_child",
        "missing",
        *[
            f"{np} @HAS @ADV? got|gotten|slipped|escaped|climbed|wandered out|away|off"
            for np in (child, age + " @CHILD?")
        ],
        exclude_context=fs(
            "hospital prison jail custody bed bath cot crib trouble detention class lesson car pushchair "
            "buggy pram highchair seat chair sleeping bag"
        ),
        child_age=True,
    )
    # the child was named earlier in the message: "my little boy ran off, I can't find him"
    add(
        "missing_child_pronoun",
        _E,
        "missing_child",
        "missing",
        *_CANT_FIND_PRONOUN,
        reject_next=not_the_child | fs("online on number details address profile account name it"),
        message_child=True,
    )
    add(
        "missing_child_found",
        _G,
        "child_at_risk",
        "found",
        *[m.format(np=np) for m in missing for np in (child, age + " @CHILD?")],
        *[f"{np} was|were|went|had|'d @ADV? gone? missing" for np in (child, age + " @CHILD?")],
        reject_next=not_the_child | _OUTINGS,
        child_age=True,
    )
    add(
        "missing_vulnerable_adult",
        _E,
        "missing_person",
        "missing",
        "my|our|her|his #? year? old? @ADULT @MISS_AUX? @MISS_AUX? @ADV? @MISSING",
        "ca|can|could|cannot n't|nt|not? find my|our #? year? old? @ADULT",
        "he|she|they @BE|has|have @ADV? been|gone? @MISSING",
        "@ADULT _? _? _? has|have|'s @ADV? wandered|gone|run off|away|missing",
        "@ADULT _? _? _? wandered|went|ran off|away|missing",
        *_CANT_FIND_PRONOUN,
        "he|she|they|@ADULT @HAS|@BE @ADV? gone|wandered|walked|got|slipped|left out? of|from? the|his|her|their "
        "house|home|flat",
        "@ADULT|he|she|they _? _? went|gone|wandered|walked|slipped out",
        "he|she|they|@ADULT ha|has|have|is|'s n't|nt|not @ADV? come|came|got|been back|home",
        # out of a care home / ward: "walked out of the care home", "has left the ward"
        "walked|wandered|wondered|slipped|snuck|sneaked|gone|went|run|ran|escaped|got out|off|away of|from? "
        "the|his|her|their care|nursing|residential|old? home|ward|unit",
        requires_any=_VULNERABLE,
        reject_next=fs(WORDS["MISS_REJECT"]),
    )
    # the search told instead of the word: "she has dementia ... we've searched the estate"
    add(
        "missing_vulnerable_adult_search",
        _E,
        "missing_person",
        "missing",
        "we|i|they @HAS @ADV? searched|looked|checked|hunted|combed everywhere|all|the|round|around|up",
        "we|i|they @HAS @ADV? been searching|looking|hunting everywhere|all|round|around",
        requires_any=_VULNERABLE,
        reject_next=fs(WORDS["MISS_REJECT"]) | fs("for over online on internet"),
        exclude_context=fs("home homes keys key car phone wallet purse bag flat house place places"),
    )
    add(
        "missing_vulnerable_adult_elided",
        _E,
        "missing_person",
        "missing",
        "ha|has|have|is|'s n't|nt|not @ADV? come|came|got|been back|home",
        "@HAS @ADV? gone|wandered|walked|got|slipped out of|from? the|his|her|their house|home|flat",
        "went|gone|wandered|walked|slipped out|off",
        reject_next=fs("with for to shopping"),
        needs_boundary_before=True,
        subject_before=fs(WORDS["ADULT"]) | fs("he she they"),
        requires_any=_VULNERABLE,
    )
    # ---- someone being taken, held in a vehicle or lured now -------------------------------------
    taken = "@DET|@POSS|some? @CHILD_ADJ? @VICTIM|@CHILD|@ADULT|him|her|them|kids|girls|boys|women"
    vehicle = "@VADJ? @VADJ? car|van|vehicle|boot|lorry|truck|motor|taxi"
    add(
        "abduction_now",
        _E,
        "threat_to_life",
        # "a man took my sister into his car": a past tense does not make it a report, a date does
        "strong",
        "drag|dragging|dragged|pull|pulling|pulled|bundle|bundling|bundled|force|forcing|forced|push|pushing|"
        f"pushed|throw|throwing|threw|grab|grabbing|grabbed|took|taken|taking|put|putting {taken} into|in|inside "
        f"@DET|@POSS? {vehicle}",
        exclude_context=fs("police officers officer cops arrested arresting arrest paramedics ambulance"),
    )
    add(
        "held_in_vehicle",
        _E,
        "threat_to_life",
        "explicit",
        f"@HAS got {taken} in|inside @DET|@POSS {vehicle}",
        requires_any=fs(
            [
                "wo n't let",
                "will not let",
                "not letting",
                "refuses to let",
                "refusing to let",
                "wo n't open",
                "locked",
                "against her will",
                "against his will",
                "screaming",
                "drove off",
                "driving off",
                "driven off",
            ]
        ),
    )
    add(
        "held_in_vehicle_not_let_out",
        _E,
        "threat_to_life",
        "explicit",
        "wo|will|does|do|is|'s|are|'re n't|nt|not let|letting him|her|them|me|us out",
        requires_any=fs(
            f"{prep} {det} {v}"
            for prep in ("in", "of")
            for det in ("the", "his", "her", "their", "a", "my")
            for v in ("car", "van", "boot", "lorry", "truck", "taxi", "vehicle", "motor")
        ),
    )
    kids = "@DET|@POSS|some? @CHILD_ADJ? @CHILD|girls|boys|kids|children"
    add(
        "child_lure_now",
        _E,
        "threat_to_life",
        "present",
        f"@TRYING to get|lure|entice|coax|tempt|persuade|make|talk {kids} to? come|get|go|into|in|over|with",
        f"luring|enticing|coaxing|tempting {kids}",
        f"offering {kids} sweets|lifts|a|money|vapes|drugs",
        f"calling|waving|beckoning|shouting {kids} over|across|to",
        "holding|handing|giving out sweets|money|vapes|sweeties|chocolate|a puppy",
        requires_any=fs(WORDS["CHILD_CONTACT"]) | fs("van car stranger"),
        reject_prev=fs("i we 'm am m"),
        habitual_ok=fs("keep keeps"),
    )
    # ---- followed --------------------------------------------------------------------------------
    add(
        "being_followed_now",
        _E,
        "being_followed",
        "explicit",
        "@BE @ADV? @FOLLOWING me|us|my",
        "@BE @ADV? being followed|chased",
        "@BE after me|us",
        reject_next=fs("in on around"),
        exclude_context=_FOLLOW_ONLINE,
    )
    # someone behind the writer all the way: "he's still behind me", "a car has been behind me for 20 minutes"
    add(
        "being_followed_behind",
        _E,
        "being_followed",
        "explicit",
        "he|she|they|@PERSON|@VEH @BE @ADV? still behind|after|tailing me|us",
        "he|she|they|@PERSON|@VEH @HAS @ADV? been behind|following|tailing|trailing me|us for",
        exclude_context=_FOLLOW_ONLINE,
    )
    add(
        "being_followed_telegraphic",
        _E,
        "being_followed",
        "present",
        "@FOLLOWING me|us",
        "followed|chased me|us home|here",
        reject_prev=fs("stop"),
        exclude_context=_FOLLOW_ONLINE,
    )
    # ---- help ------------------------------------------------------------------------------------
    add(
        "help_now",
        _E,
        "urgent_help",
        "explicit",
        "need|needs|send|get|want help|police|someone|somebody|officers|cops|backup|officer "
        "now|asap|quick|quickly|urgently|immediately|fast|here",
        "need|needs|send|get the|an police|officer|ambulance "
        "now|asap|quick|quickly|urgently|immediately|fast",
        "come quick|quickly|asap|immediately|fast",
        "please come now",
        "@HELP @ADV? now|quick|quickly|asap|immediately",
        "urgent help",
    )
    add(
        "help_scared",
        _E,
        "urgent_help",
        "explicit",
        "@HELP me|us|please|!",
        requires_any=fs(WORDS["SCARED"]) | fs("danger"),
    )
    return table.rules
