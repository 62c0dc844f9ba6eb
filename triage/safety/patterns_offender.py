"""Emergency rules for an offender here now: an intruder, someone still there or back, heard inside."""

from __future__ import annotations

from triage.safety.hit import EMERGENCY
from triage.safety.rule import Rule, RuleTable
from triage.safety.vocab import WORDS, fs

_E = EMERGENCY

#: Words of a break-in: a person heard inside / upstairs after one is an intruder.
#: A conflict or a crime named somewhere in the message: a person "back" / "outside" now is the offender.
_CONFLICT = fs(
    "break broke broken burgled burglar burglars stole stolen attacked threatened ex stalker abuser knife "
    "kicked smashed tried trying assaulted hit robbed mugged threatening kill stab shouting screaming "
    "shouted argument argued row fight fighting order injunction bail banned restraining non-molestation "
    "banging hammering punched slapped pushed scared frightened terrified slashed keyed damaged drunk "
    "threw throwing abusive violent harassing harassed stalking following followed snatched nicked grabbed "
    "shoved exposed exposing flashed reported"
)
_BREAK_IN = fs(
    "break broke broken breaking burglar burglars burgled burglary intruder intruders kicked smashed forced "
    "jemmied jimmied glass"
)


def offender_rules() -> list[Rule]:
    table = RuleTable()
    add = table.add
    add(
        "intruder",
        _E,
        "offender_present",
        "explicit",
        "there @BE @DET? @INTRUDER @LURK? in|inside|on|upstairs|downstairs|at my|our|the? @PLACE",
        "there @BE @DET? @INTRUDER @LURK? in|inside|on|upstairs|downstairs|at her|his|their|mum's|mums|nan's|nans "
        "@PLACE",
        "@INTRUDER @BE @ADV? in|inside|on|at my|our|the @PLACE",
        "@INTRUDER @BE @ADV? @LURK in|inside|round|around|about|outside|behind my|our|the @PLACE",
        "@OFFENDER @BE @ADV? here|outside|inside|in|upstairs|downstairs|nearby|around",
        "there @BE @DET? @OFFENDER",
        "there @BE @DET? @INTRUDER upstairs|downstairs|inside",
        "there @BE @DET? @INTRUDER moving|walking|creeping|rummaging|wandering about|around? "
        "upstairs|downstairs|inside|in|round my|our|the? @PLACE?",
        "someone|somebody|intruder|intruders|stranger @BE @ADV? upstairs|downstairs|inside",
        "there @BE @DET? @INTRUDER in|inside|under|on my|our car|van|lorry|truck|motor|caravan",
        "@INTRUDER @BE @ADV? in|inside|under|on my|our car|van|lorry|truck|motor|caravan",
        "@INTRUDER @BE @ADV? in|inside|on my|our|the neighbours|neighbour|neighbor|neighbors|nan|nans|mum|mums "
        "'s? @PLACE",
        reject_next=fs(WORDS["LOC_REJECT"]) | fs("park parks wash showroom boot"),
    )
    add(
        "intruder_telegraphic",
        _E,
        "offender_present",
        "present",
        "@INTRUDER in|inside my|our @PLACE",
        "@OFFENDER in my|our|the @PLACE",
    )
    add(
        "offender_still_there",
        _E,
        "offender_present",
        "explicit",
        "@PERSON @BE @ADV? still @LOC_STILL",
        "@PERSON @BE now|currently outside|here|inside|downstairs|upstairs|at|in",
        "@PERSON _? _? _? _? @BE still @LOC_STILL",
        "@PERSON @BE @ADV? still out there|front|the",
        "he|she|they|@INTRUDER|@OFFENDER still in|inside|here|there|outside|upstairs|downstairs",
        "@PERSON has|have|'s|did|ha n't|nt|not left|gone",
        "@PERSON still has|have|ha n't|nt|not? left|gone",
        "@ABUSER @BE @ADV? outside|here|at|in|back|banging",
        "ex -? @PARTNER? @BE @ADV? outside|here|at|in|banging",
        "ca|can|cannot n't|nt|not? talk|speak|call ,? he|she|they 'll|will|can|might|'s|is|are|'re|s "
        "hear|here|listening|in|next|downstairs|upstairs|watching|outside",
        "he|she|they 'll|will|might|can hear me|us",
        reject_next=fs(WORDS["LOC_REJECT"]) | fs("town"),
    )
    add(
        "offender_still_there_elided",
        _E,
        "offender_present",
        "explicit",
        "@BE still @LOC_STILL",
        "@BE now|currently outside|here|inside|downstairs|upstairs|at|in|back",
        "still has|have|ha n't|nt|not left|gone",
        needs_boundary_before=True,
        reject_next=fs(WORDS["LOC_REJECT"]),
    )
    who = "he|she|they|@OFFENDER|@INTRUDER|@ABUSER|ex"
    add(
        "offender_back",
        _E,
        "offender_present",
        "recent",
        "he|she|they|@OFFENDER|@INTRUDER @BE @ADV? back",
        f"{who} @BE outside|here|downstairs|upstairs|inside|at|in",
        f"{who} @BE @ADV? knocking|banging|hammering|ringing|kicking|trying|shouting|screaming|waiting|sat|"
        "sitting|stood|standing|parked|lurking|hiding|crouched|crouching|watching|looking|circling",
        f"{who} @HAS|@BE? @ADV? turned|showed|shown|come|came|rocked|turning up|round|back",
        f"{who} @BE @ADV? out there|front|the",
        requires_any=_CONFLICT,
        reject_next=fs(WORDS["LOC_REJECT"]),
    )
    # "... and he's outside the house now": a person at the writer's home now needs no more context
    add(
        "offender_at_home_now",
        _E,
        "offender_present",
        "recent",
        "he|she|they @BE @ADV? outside|at|by my|our|the house|flat|home|door|window|windows|gate|front|back",
        "he|she|they @BE @ADV? outside|at|by my|our|the front|back door|window|gate",
        "he|she|they @BE @ADV? back outside|here",
    )
    add(
        "offender_here_help",
        _E,
        "offender_present",
        "explicit",
        "he|she|they|someone|somebody @BE @ADV? here|outside|back|inside|coming|downstairs|upstairs|in",
        requires_any=fs(WORDS["HELP"]) | fs(WORDS["SCARED"]) | fs("hurry quick quickly 999 emergency"),
    )
    # seen or heard at the writer's home now, after a conflict the message names: "I can see him
    # through the blind standing in the garden", "I can hear them at the back door"
    add(
        "offender_seen_at_home",
        _E,
        "offender_present",
        "recent",
        "can see|hear him|her|them _? _? _? _? standing|stood|sitting|sat|waiting|lurking|hiding|crouching|"
        "crouched|walking|pacing|hanging|creeping in|inside|outside|at|by|round|around my|our|the @PLACE|door|"
        "window|gate",
        "can see|hear him|her|them in|inside|outside|at|by my|our|the @PLACE|door|window|gate",
        requires_any=_CONFLICT,
        reject_next=fs(WORDS["LOC_REJECT"]),
    )
    # heard / seen inside after a break-in: "the door's been kicked in and I can hear someone inside"
    add(
        "offender_heard",
        _E,
        "offender_present",
        "recent",
        "hear|see|hearing|seeing someone|somebody|people|footsteps|movement|intruders|men|man|stranger "
        "moving|walking|talking|creeping|rummaging? about|around? inside|upstairs|downstairs",
        "hear|see|hearing|seeing someone|somebody|people|footsteps|movement|intruders|men|man|stranger "
        "moving|walking|talking|creeping|rummaging? about|around? in there",
        "hear|see|hearing|seeing someone|somebody|people|footsteps|movement|intruders|men|man|stranger "
        "moving|walking|talking|creeping|rummaging? about|around? in|inside my|our|the|her|his|their @PLACE",
        requires_any=_BREAK_IN | fs("open"),
    )
    add(
        "offender_inside_after_break_in",
        _E,
        "offender_present",
        "explicit",
        "he|she|they|someone|somebody|@INTRUDER @BE @ADV? upstairs|downstairs|inside|hiding",
        requires_any=_BREAK_IN,
        reject_next=fs(WORDS["LOC_REJECT"]),
    )
    # someone looking in through the window at the writer
    add(
        "peering_in",
        _E,
        "offender_present",
        "present",
        "@INTRUDER|he|she|they|lad|bloke @BE? @ADV? looking|peering|peeking|peeping|staring in|into|through "
        "my|our|the window|windows",
        "looking|peering|peeking|peeping|staring in at me|us",
        "at|outside|through my|our|the window|windows _? looking|peering|peeking|peeping|staring in",
        reject_prev=fs("i we 'm am m"),
        exclude_context=fs("shop shops car cars estate agent agents"),
    )
    # "the man who burgled me last week is back outside"
    add(
        "offender_who_did_it",
        _E,
        "offender_present",
        "explicit",
        "@PERSON|@THIEF|@OFFENDER who|that|what @CRIME_PAST _? _? _? _? @BE @ADV? "
        "back|outside|here|downstairs|upstairs|inside|round|nearby",
        "@PERSON|@THIEF|@OFFENDER who|that|what @CRIME_PAST _? _? _? _? @HAS @ADV? "
        "walked|come|came|turned|shown|rocked|arrived in|into|up|round|back|here",
        reject_next=fs(WORDS["LOC_REJECT"]),
    )
    return table.rules
