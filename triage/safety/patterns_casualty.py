"""Emergency rules for a casualty now: collapsed or not moving, a medical crisis, someone lying in the
road, in the water, fallen from a height, or hit by a vehicle driven into people."""

from __future__ import annotations

from triage.safety.hit import EMERGENCY
from triage.safety.rule import Rule, RuleTable
from triage.safety.vocab import fs

_E = EMERGENCY

#: The subject of a casualty rule: a person, or a relative with the apostrophe dropped ("grandads").
_WHO = "@CASUALTY|@KIN_S"
#: Where someone lying down is in danger (not "on the floor": children lie on the floor to play).
_ROADSIDE = "road|roads|street|pavement|tracks|track|carriageway|motorway|lane|ground|gutter|verge|kerb"
#: Someone lying down for a reason.
_NOT_A_CASUALTY = fs("playing sunbathing sunbathe beach sun tanning picnic protest protesting protesters")


def casualty_rules() -> list[Rule]:
    table = RuleTable()
    add = table.add
    # ---- collapsed, not moving, turning blue, choking ------------------------------------------
    add(
        "casualty_unresponsive",
        _E,
        "not_breathing",
        "strong",
        f"{_WHO} _? _? @COLLAPSED",
        f"{_WHO} @BE n't|not|nt @ADV? moving|responding|conscious",
        f"lips|face|skin|{_WHO} @BE|has|have @ADV? going|turning|gone|turned blue|purple|grey|gray",
        f"{_WHO} @BE @ADV? choking",
        reject_next=fs("me her him them us my someone somebody his their our bias mind to"),
        exclude_context=fs(
            "business company shop firm deal talks market roof ceiling wall house building bridge tent "
            "scaffolding"
        ),
    )
    # ---- a medical crisis happening now ----------------------------------------------------------
    add(
        "medical_now",
        _E,
        "injury",
        "explicit",
        "@BE @ADV? having|suffering a|an? seizure|seizures|stroke|convulsions|fit|fits",
        "@BE @ADV? having|suffering a|an heart|asthma|allergic|anaphylactic|diabetic|epileptic "
        "attack|reaction|shock|fit|seizure|hypo",
        "he|she|they|@CASUALTY @BE @ADV? fitting|convulsing|seizing",
        reject_next=fs("about over at with because of for"),
    )
    # ---- someone lying in the road, a vehicle on its roof or driven into people -----------------
    add(
        "casualty_in_road",
        _E,
        "injury",
        "explicit",
        f"{_WHO} @BE @ADV? lying|laying|laid|led|slumped|sprawled in|on|across|by the|a? middle? of? the? "
        f"{_ROADSIDE}",
        exclude_context=_NOT_A_CASUALTY,
    )
    add(
        "casualty_in_road_telegraphic",
        _E,
        "injury",
        "present",
        f"{_WHO} lying|laying|laid|slumped|sprawled in|on|across the|a? middle? of? the? {_ROADSIDE}",
        exclude_context=_NOT_A_CASUALTY,
    )
    add(
        "vehicle_overturned",
        _E,
        "road_danger",
        "explicit",
        "car|van|lorry|truck|hgv|vehicle|bus|coach|taxi|tractor|caravan|suv @BE @ADV? on it|its 's? roof|side",
        "car|van|lorry|truck|hgv|vehicle|bus|coach|taxi|tractor|caravan|suv @BE @ADV? upside down",
        exclude_context=fs("scrapyard scrap showroom garage auction picture photo"),
    )
    add(
        "vehicle_into_people",
        _E,
        "injury",
        "present",
        "ploughed|ploughing|plowed|plowing|careered|careering|driven|drove|driving|crashed|crashing|"
        "smashed|smashing into|through @DET? crowd|crowds|people|pedestrians|queue|shoppers|children|kids",
    )
    # ---- in the water, fallen from a height, stranded --------------------------------------------
    add(
        "in_water",
        _E,
        "threat_to_life",
        "strong",
        f"{_WHO} @HAS? @ADV? fell|fallen|slipped|jumped|swept|dragged|pulled|pushed|thrown in|into|under "
        "the|a? @WATER",
        "@BE @ADV? drowning",
        "@CASUALTY drowning",
        "@BE @ADV? struggling|stuck|trapped|screaming|shouting in the|a? @WATER|mud|current|ice",
        "swept|washed|dragged|pulled out|away to|by the? sea|current|tide|river",
        "cut off by the tide",
        "fallen|fell|gone|went through the ice",
        "stuck|trapped|stranded on|in|at the|a|some? cliff|cliffs|ledge|sandbank|mudflats|mud|rocks",
        exclude_context=fs("debt work paperwork emails bills stress homework sorrows"),
    )
    add(
        "in_water_not_surfaced",
        _E,
        "threat_to_life",
        "strong",
        "ha|has|have|is|'s n't|nt|not come|came|surfaced|resurfaced back? up",
        requires_any=fs("river canal lake sea water reservoir pond quarry dock harbour weir loch current"),
    )
    add(
        "fall_from_height",
        _E,
        "injury",
        "strong",
        f"{_WHO} @HAS? @ADV? fell|fallen|slipped|tumbled|jumped|pushed|thrown|come|came|gone|went "
        "off|down|from|over @DET? @HEIGHT",
        f"{_WHO} @HAS? @ADV? fell|fallen|slipped|tumbled|jumped out|off of|from? @DET? window|balcony|roof",
        reject_next=fs("path paths walk walks top steps"),
    )
    return table.rules
