"""Emergency rules for a crime happening now: in progress, theft by description, intruders, offender still there."""

from __future__ import annotations

from triage.safety.hit import EMERGENCY
from triage.safety.rule import Rule, RuleTable
from triage.safety.vocab import WORDS, fs

_E = EMERGENCY


def crime_rules() -> list[Rule]:
    table = RuleTable()
    add = table.add
    first_person = fs("i we 'm am m")
    # ---- crime in progress ----------------------------------------------------------------------
    add(
        "in_progress_now",
        _E,
        "in_progress",
        "explicit",
        "@BE @ADV? @BREAKING @BREAK_NEXT",
        "@BE @ADV? @BREAKING @POSS @BREAK_OBJ",
        "@BE @ADV? @STEALING @STEAL_NEXT",
        "@BE @ADV? shoplifting",
        "@BE @ADV? @SMASHING @SMASH_NEXT",
        "@BE @ADV? kicking @KICK_NEXT",
        "@BE @ADV? throwing stones|bricks|rocks|eggs|bottles|things|stuff",
        "@BE @ADV? @ASSAULT_ING @AOBJ",
        "@BE @ADV? going for me|him|her|them|us",
        "@BE @ADV? climbing in|into|over|through|up",
        "@BE @ADV? banging|hammering|kicking|pounding on|at @POSS front|back|side|kitchen|bedroom|patio? "
        "door|doors|window|windows",
        "@BE @ADV? banging|hammering|kicking|pounding on|at it|them",
        "there @BE a|an @FIGHT_ADJ? @FIGHT_N|robbery|burglary|break|mugging|disturbance|domestic",
        reject_prev=first_person,
        exclude_context=fs("identity wifi electricity broadband ideas content data account details"),
    )
    add(
        "in_progress_passive",
        _E,
        "in_progress",
        "explicit",
        "@BE @ADV? being attacked|assaulted|beaten|hit|punched|kicked|stabbed|robbed|mugged|burgled|"
        "threatened|dragged|raped|battered|strangled|burgled|stolen|nicked|vandalised|vandalized|"
        "damaged|smashed|taken|hurt",
        "@BE @ADV? being broken|broke into|in",
        exclude_context=fs("feelings pride"),
    )
    add(
        "fight_now",
        _E,
        "in_progress",
        "explicit",
        "@BE @ADV? fighting",
        reject_next=fs(WORDS["FIGHT_REJECT"]),
    )
    add(
        "trying_to_get_in_now",
        _E,
        "in_progress",
        "explicit",
        "@BE @ADV? @TRYING to? get|climb|force|squeeze in|into|through|over|inside",
        "@BE @ADV? @TRYING to? break|kick|smash|force|jimmy|pry|prise|pick|open @TRY_OBJ",
        "@BE @ADV? @TRYING to? steal|nick|take|pinch|rob|grab|snatch|drag|pull @TRY_OBJ2",
        "@BE @ADV? @TRYING|rattling @POSS? car|van|front|back|people's|peoples|every? @DOOR",
        "@BE @ADV? @TRYING|rattling @POSS? side|patio|kitchen|french|garage|bedroom|conservatory @DOOR",
        reject_prev=first_person,
    )
    add(
        "trying_to_get_in",
        _E,
        "in_progress",
        "present",
        "@TRYING to? get|climb|force|squeeze in|into|through|over|inside",
        "@TRYING to? break|kick|smash|force|jimmy|pry|prise|pick|open @TRY_OBJ",
        "@TRYING to? steal|nick|take|pinch|rob|grab|snatch|drag|pull @TRY_OBJ2",
        "@TRYING|rattling @POSS? car|van|front|back|people's|peoples|every? @DOOR",
        reject_prev=first_person | fs("be"),
    )
    add(
        "in_progress_telegraphic",
        _E,
        "in_progress",
        "present",
        "@BREAKING in|into|in2|down|through",
        "@STEALING @STEAL_NEXT",
        "@SMASHING @SMASH_NEXT",
        "kicking @POSS door|doors|gate|window in|down",
        "kicking off",
        "throwing stones|bricks|rocks|eggs|bottles|things|stuff at",
        "@FIGHTERS fighting",
        "@FIGHT_ADJ fight|brawl",
        "fight|brawl|riot|disturbance going|happening|outside|kicking|breaking",
        "in progress",
        "happening|occurring right? now",
        "going on right? now",
        "screaming|shouting|yelling|crying|calling for? help",
        "screaming|shouting|yelling|begging|pleading|crying at? him|her|them|someone? to stop",
        "hear @DET? @PERSON screaming|screams|shouting|crying",
        "hear screaming|screams",
        reject_prev=first_person,
        exclude_context=fs(
            "identity wifi electricity broadband report investigation case application claim form "
            "ticket complaint appeal ideas content data account details"
        ),
    )
    # theft described by what the thieves are doing, not by a crime verb. The verbs are everyday
    # words ("carrying", "loading", "taking"), so they need a third-party subject, a thing worth
    # stealing and either a strong present cue ("right now", "as we speak", "this minute") or an
    # empty home ("the family are away", "they're on holiday").
    loot = "@LOOT_MOD? @LOOT_MOD? 's? @LOOT_MOD? @LOOT"
    carry = [
        f"@THIEF @BE? @ADV? @CARRY up|off|out|down? {loot}",
        "@THIEF @BE? @ADV? cutting|sawing|grinding|snapping|drilling|breaking through|off? @DET|@POSS? "
        "lock|locks|padlock|padlocks|chain|chains|bolt|bolts",
        "@THIEF @BE? @ADV? carrying|carryin|taking|wheeling|dragging|pushing|loading it|them|stuff|things|"
        "everything|bags|boxes out|off|away|into|onto|over",
        "@THIEF @BE? @ADV? carrying|carryin|taking|wheeling|dragging|pushing|loading out|off|away|into|onto",
        "@THIEF @BE? @ADV? filling|stuffing @DET|their|his? bags|bag|pockets|pocket|trolley|trolleys|basket with",
        "@THIEF @BE? @ADV? clearing|emptying|stripping|ransacking out|in|into? @POSS|next @LOOT_MOD? 's? "
        "@PLACE|car|van|shop|house|garage|shed|flat|lorry",
    ]
    add(
        "theft_carry_now",
        _E,
        "in_progress",
        "recent",
        *carry,
        reject_prev=first_person,
        exclude_context=fs(
            "piss mick mickey photo photos picture pictures selfie notes care moving move removals"
        ),
    )
    add(
        "theft_carry_empty_home",
        _E,
        "in_progress",
        "present",
        *carry,
        reject_prev=first_person,
        requires_any=fs("away holiday holidays vacation abroad empty")
        | fs(
            [
                "nobody's in",
                "nobody's home",
                "nobody is home",
                "nobody is in",
                "no one is home",
                "no one's home",
                "no one in",
                "not home",
                "not in",
                "noone home",
                "no one home",
                "nobody home",
            ]
        ),
        exclude_context=fs(
            "piss mick mickey photo photos picture pictures selfie notes care moving move removals"
        ),
    )
    add(
        "theft_making_off",
        _E,
        "in_progress",
        "present",
        "@THIEF @BE? @ADV? making|walking|running|driving|riding|cycling|legging|wheeling off|away with",
        "helping himself|herself|themselves|themself to",
        f"@THIEF @BE? @ADV? carrying|carryin|taking|wheeling|dragging|pushing|lifting off|away {loot}",
        "@THIEF @BE? @ADV? go|going|rooting|rummaging|looking|searching through @POSS|all|every|people's @LOOT_MOD? "
        "car|cars|van|bag|bags|bins|shed|garage|house|drawers|pockets|handbag|glovebox|boot|stuff|things",
        "rifling|rummaging|ransacking through|round @POSS @LOOT_MOD? "
        "car|cars|van|bag|bags|shed|garage|house|drawers|pockets|handbag|glovebox|boot|stuff|things",
        "siphoning|syphoning|siphonning|syphonning|draining @DET? diesel|petrol|fuel|oil",
        "@THIEF @BE? @ADV? raiding|ransacking|looting @DET|@POSS",
        "@THIEF @BE? @ADV? climbing|scaling|jumping|hopping over|into|onto|through|in @DET? back|front|side? "
        "fence|fences|wall|walls|gate|gates|garden|gardens|window|windows|balcony|roof|shed|garage|property|yard",
        reject_prev=first_person,
    )
    # an assault told without "is": "lads kicking someone on the floor", "two men beating a lad up"
    add(
        "assault_telegraphic",
        _E,
        "in_progress",
        "present",
        "@THIEF|@FIGHTERS @ASSAULT_ING up? me|us|him|her|them|someone|somebody|everyone|everybody",
        "@THIEF|@FIGHTERS @ASSAULT_ING up? @DET|@POSS|some? @CHILD_ADJ? @VICTIM|@CHILD|@ADULT",
        reject_prev=first_person,
        exclude_context=fs(
            "online messages texts comments posts each golf fifa chess darts pool snooker cards game games "
            "match quiz fortnite xbox playstation"
        ),
    )
    # just got in: "two men have just entered the house", "someone's just got into next door"
    add(
        "entered_just_now",
        _E,
        "in_progress",
        "recent",
        "@HAS @ADV? entered|got|gotten|come|came|broken|broke|walked|barged|forced|pushed|let their|his|her? "
        "way? in|into|inside @DET|@POSS|next? @PLACE|shop|store|office|premises|flat|building|door",
        reject_prev=first_person | fs("you"),
    )
    add(
        "climbed_in_just_now",
        _E,
        "in_progress",
        "recent",
        "@HAS @ADV? climbed|jumped|hopped|got|scaled over|into|through|onto @DET|@POSS? back|front|side|garden? "
        "fence|fences|wall|walls|gate|gates|garden|window|windows|balcony|roof",
        reject_prev=first_person | fs("you"),
    )
    # an elided subject: "... have just entered the house and walked off with my handbag"
    add(
        "theft_making_off_elided",
        _E,
        "in_progress",
        "present",
        "@BE? @ADV? making|walking|running|driving|riding|cycling|legging off|away with",
        needs_boundary_before=True,
    )
    # past tense: only with "just" ("have just got in and walked off with my bag"), not a story
    add(
        "theft_made_off_elided",
        _E,
        "in_progress",
        "recent",
        "made|walked|ran|drove|rode|cycled|legged off|away with",
        needs_boundary_before=True,
    )
    add(
        "assault_elided",
        _E,
        "in_progress",
        "present",
        "@ASSAULT_ING @AOBJ",
        "kicking|smashing|banging|hammering on? @POSS|the door|doors|window|windows in|down?",
        needs_boundary_before=True,
        exclude_context=fs("online messages texts comments posts game games"),
    )
    # casing cars or houses: "a man looking through car windows right now"
    add(
        "casing_now",
        _E,
        "in_progress",
        "recent",
        "looking|peering|peeking|peeping|checking|shining|torching @ADV? through|in|into|inside @DET|@POSS|people's|"
        "peoples? parked? car|cars|van|vans|house|houses? window|windows|door|doors",
        "checking|pulling|testing @DET|@POSS|people's|peoples? parked? car|cars|van|vans door|doors|handles",
        reject_prev=first_person,
    )
    return table.rules
