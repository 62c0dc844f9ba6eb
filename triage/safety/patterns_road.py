"""Emergency rules for the road: dangerous or drunk driving now, a blocked road, animals or debris on it."""

from __future__ import annotations

from triage.safety.hit import EMERGENCY
from triage.safety.rule import Rule, RuleTable
from triage.safety.vocab import WORDS, fs

_E = EMERGENCY


def road_rules() -> list[Rule]:
    table = RuleTable()
    add = table.add
    # ---- roads -----------------------------------------------------------------------------------
    add(
        "dangerous_driving_now",
        _E,
        "dangerous_driving",
        "explicit",
        "@BE @ADV? @DRIVE_ING @DD_MOD",
        "@BE @ADV? @DRIVE_ING like a|an maniac|lunatic|idiot|madman|nutter|psycho",
        "@BE @ADV? driving|going the wrong way|side",
        "@BE @ADV? driving on the pavement|footpath|wrong",
        "@BE @ADV? swerving|weaving",
        "@BE @ADV? @DRIVE_ING all over the road",
        "@VEH @BE @ADV? all over the road|roads|lane|lanes|motorway|carriageway",
        "@VEH in|behind|ahead front|me|us|of? _? @BE @ADV? all over the road|roads|lane|lanes|motorway|place",
        "@VEH @BE @ADV? @SWERVE",
        "he|she|they|someone|somebody @BE @ADV? veering|careering|careening|zigzagging|zig-zagging",
        "there @BE @DET? @VADJ? @VADJ? @VEH all over the road|roads|lane|lanes|motorway|carriageway",
        "@BE @ADV? mounting the|a pavement|pavements|kerb|curb|footpath",
        "@BE @ADV? driving|going up|onto|on the pavement|pavements|kerb|curb|footpath",
        "@BE @ADV? ramming|shunting my|our|the|other|parked|people's|cars|me|us",
        "@BE @ADV? crashing|smashing|ploughing|ramming into @DET? parked? cars|car|me|us|people|other",
        "@BE @ADV? @TRYING to run|force|push|ram|drive me|us|people|cars|other|them|others off the road",
        "@BE @ADV? @TRYING to ram|hit me|us|my|our|the car|cars|people",
        reject_prev=fs("i we my"),
        exclude_context=fs("mind thoughts life head hair paint"),
        # "it has clipped the barrier twice": a count in a live event, not a habit
        habitual_ok=fs("keep keeps twice"),
    )
    add(
        "dangerous_driving_racing",
        _E,
        "dangerous_driving",
        "recent",
        "@VEH|driver|drivers|someone|somebody|they @BE @ADV? racing|speeding|street",
        "@VEH racing|speeding",
        reject_prev=fs("i we my"),
    )
    # a speed stated as a number (50 to 199): "someone's doing 90 down our road right now"
    fast = "~^([5-9][0-9]|1[0-9][0-9])(mph)?$"
    where = "up|down|along|round|around|through|past|on|outside|near|by|over|across|in"
    speeding = "doing|going|driving|flying|speeding|racing|tearing|bombing|belting|hurtling|hitting"
    add(
        "dangerous_driving_speed",
        _E,
        "dangerous_driving",
        "explicit",
        f"@BE @ADV? {speeding} at|about|like|over|easily|nearly|well|least? {fast} mph|miles? an|per? hour? {where}",
        f"@BE @ADV? {speeding} a|the ton {where}",
        f"@VEH {speeding} at|about|like|over|easily|nearly|well|least? {fast} mph|miles? an|per? hour? {where}",
        reject_prev=fs("i we my"),
        exclude_context=fs("course courses track circuit ticket fine points camera flashed nip limit"),
    )
    add(
        "dangerous_driving_drunk",
        _E,
        "dangerous_driving",
        "present",
        "about|going to drive|driving|drive",
        "getting|got|gets in|into his|her|their|the|a car|van|motor|vehicle",
        "just drove|driven off|away",
        "@HAS just driven off|away",
        requires_any=fs(WORDS["DRUNK"])
        | fs(["over the limit", "off his face", "off her face", "under the influence"]),
    )
    add(
        "dangerous_driving_road",
        _E,
        "dangerous_driving",
        "present",
        "driving|going|coming|car|van|lorry|vehicle|driver|drove the? wrong way",
        "wrong way down|up|on|along the? motorway|m1|m6|m25|dual|carriageway|slip",
        "swerving|weaving all? over|across|between the? road|lanes|lane|motorway",
        "driving|swerving|weaving all over the road",
        "driving|going on the wrong side",
        "wrong side of the dual? road|motorway|carriageway",
        "wrong way round|on|up|down|along|onto|around the a? roundabout|motorway|carriageway|dual|slip|road",
        "@VEH _? all over the road|lane|lanes|motorway|carriageway",
        "@VEH keeps|keep @SWERVE",
        "@SWERVE across|into|between|through|onto|in the|both|all|oncoming? #? lanes|lane|traffic|cars|road|carriageway",
        "roundabout|motorway|carriageway|slip|road|lane _? the wrong way",
        "tried|trying|tryna to run|force|push|ram|drive me|us|people|cars|other|them|others off the road",
        "running|forcing|pushing|shunting|ramming me|us|people|cars|other|others|them off the road",
        "ramming|shunting my|our|the|other|parked car|cars|van|vehicle|vehicles|us|me",
        "asleep|sleeping|slumped|collapsed at|over the wheel",
        "mounting the pavement|kerb|curb|footpath",
        "driver|drivers _? _? @BE @ADV? clearly|obviously|definitely|really|totally|proper? "
        "drunk|pissed|hammered|wasted|steaming|paralytic|swerving|weaving",
        exclude_context=fs("mind thoughts life head"),
        habitual_ok=fs("keep keeps twice"),
    )
    add(
        "drunk_driver_here",
        _E,
        "dangerous_driving",
        "locative",
        "drunk|drink|drug|dangerous|erratic|reckless|drunken driver|drivers|driving",
        "drink|drug drive|drives|driven",
    )
    add(
        "road_blocked",
        _E,
        "road_danger",
        "present",
        "blocking|blocked|across|blocks the? road|motorway|lane|lanes|carriageway|junction|roundabout",
        "road|motorway|lane|lanes|carriageway|junction @BE|'s @ADV? blocked",
        requires_any=fs(
            "crash crashed accident collision overturned debris fallen tree lorry spilled spill flipped "
            "branch branches load mattress ladder rubble cows cattle horses sheep horse cow"
        ),
    )
    no_animal = fs(
        "rider riders riding ride rode box boxes trailer trailers manure poo muck dung show dead roadkill "
        "carcass carcasses body bodies meat racing race races walker walkers ridden farmer farmers herding "
        "herded"
    )
    road_no = "~^[am][0-9]{1,4}m?$"
    add(
        "road_animal",
        _E,
        "road_danger",
        "present",
        "@ANIMAL _? _? _? on|in|onto|along|across|down|up|over|all the|a @RADJ? @RADJ? @ROAD",
        f"@ANIMAL _? _? _? on|in|onto|along|across|down|up|over|all the|a {road_no}",
        "@ANIMAL _? _? _? in the middle of the|a? dual? road|lane|motorway|carriageway",
        "dog|dogs _? _? _? on|in|onto|along|across|down|up|over|all the|a @RADJ? @RADJ? @FAST",
        f"dog|dogs _? _? _? on|in|onto|along|across|down|up|over|all the|a {road_no}",
        exclude_context=no_animal,
    )
    add(
        "road_animal_elided",
        _E,
        "road_danger",
        "present",
        "@BE @ADV? loose? in|on|along|across the|a @RADJ? @RADJ? @ROAD",
        f"@BE @ADV? loose? in|on|along|across the|a {road_no}",
        needs_boundary_before=True,
        requires_any=fs(WORDS["ANIMAL"]),
        exclude_context=no_animal,
    )
    no_debris = fs(
        "dumped dumping tipped tipping flytipping fly-tipping flytipped fly-tipped dump tip council "
        "pothole potholes"
    )
    add(
        "road_debris",
        _E,
        "road_danger",
        "present",
        "@DEBRIS _? _? in|on|across|blocking|into|onto the|a? @RADJ? @RADJ? @FAST",
        f"@DEBRIS _? _? in|on|across|blocking|into|onto the|a? {road_no}",
        "@DEBRIS _? _? in the middle of the|a? dual? road|lane|motorway|carriageway",
        "fallen|fell|dropped|come|came|flown|flew off|out @DET? @VEH _? _? onto|on|into|across the|a? @RADJ? @FAST",
        f"fallen|fell|dropped|come|came|flown|flew off|out @DET? @VEH _? _? onto|on|into|across the|a? {road_no}",
        exclude_context=no_debris,
    )
    return table.rules
