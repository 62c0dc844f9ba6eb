"""Emergency rules for a casualty now: collapsed or not moving, a medical crisis, someone lying in the
road, in the water, fallen from a height, or hit by a vehicle driven into people."""

from __future__ import annotations

from triage.safety.hit import EMERGENCY
from triage.safety.rule import Rule, RuleTable
from triage.safety.vocab import WORDS, fs

_E = EMERGENCY

#: The subject of a casualty rule: a person, or a relative with the apostrophe dropped ("grandads").
_WHO = "@CASUALTY|@KIN_S"
#: Where someone lying down is in danger (not "on the floor": children lie on the floor to play).
_ROADSIDE = "road|roads|street|pavement|tracks|track|carriageway|motorway|lane|ground|gutter|verge|kerb"
#: Someone lying down for a reason.
_NOT_A_CASUALTY = fs("playing sunbathing sunbathe beach sun tanning picnic protest protesting protesters")
#: Who an elided subject can be (the clause before names them).
_SUBJECTS = fs(WORDS["CASUALTY"]) | fs(WORDS["KIN_S"]) | fs(WORDS["VICTIM"]) | fs("drivers passengers")
#: A fall, a crash or an injury in the message: "not answering" / "won't get up" is then a casualty.
_FALL_CONTEXT = fs(
    "fell fallen fall falls floor ground stairs steps bottom collapsed tripped slipped fainted bath"
)
_HURT_CONTEXT = (
    _FALL_CONTEXT
    | fs(WORDS["LIMP"])
    | fs(
        "crash crashed accident collision hit knocked hurt blood bleeding injured unconscious trapped lying "
        "overdose overdosed tablets pills"
    )
)


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
        f"lips|face|skin|{_WHO} @BE|has|have @ADV? going|turning|gone|turned a|an _? blue|purple|grey|gray colour|color",
        f"{_WHO} @BE @ADV? floppy|lifeless|unrousable",
        f"{_WHO} @BE @ADV? choking|gagging",
        f"{_WHO} @BE @ADV? @LIMP against|over|in|on|across|behind",
        reject_next=fs("me her him them us my someone somebody his their our bias mind to"),
        exclude_context=fs(
            "business company shop firm deal talks market roof ceiling wall house building bridge tent "
            "scaffolding"
        ),
    )
    # an elided subject: "... is on the ground and not moving", "fell and can't get up"
    add(
        "casualty_unresponsive_elided",
        _E,
        "not_breathing",
        "strong",
        # "... and not moving" (no verb); "... and is not moving" is left to the rule of the first clause
        "n't|nt|not @ADV? moving|answering",
        "@BE? n't|nt|not @ADV? responding|conscious|breathing|waking",
        "@BE? n't|nt|not @ADV? getting|waking up",
        "@BE? n't|nt|not @ADV? coming|come round|to",
        needs_boundary_before=True,
        subject_before=_SUBJECTS,
        requires_any=_HURT_CONTEXT,
    )
    # not answering, not getting up: an emergency after a fall, a crash, an injury
    add(
        "casualty_no_response",
        _E,
        "not_breathing",
        "strong",
        f"{_WHO} @BE n't|not|nt @ADV? answering|reacting|waking|responding",
        f"{_WHO} @BE n't|not|nt @ADV? getting|waking up",
        f"{_WHO} @BE|has|have n't|not|nt @ADV? coming|come round|to",
        f"{_WHO} wo|will|ca|can|does|do|is|'s|cannot n't|not|nt @ADV? talk|answer|respond|move|wake|open",
        f"{_WHO} wo|will|ca|can|does|do|is|'s|cannot n't|not|nt @ADV? get up",
        reject_next=fs(
            "his her their my the phone phones calls call texts messages door for till until early"
        ),
        requires_any=_HURT_CONTEXT,
    )
    # ---- a medical crisis happening now ----------------------------------------------------------
    add(
        "medical_now",
        _E,
        "injury",
        "explicit",
        "@BE @ADV? having|suffering a|an? @SEVERE? @SEVERE? seizure|seizures|stroke|convulsions|fit|fits",
        "@BE @ADV? having|suffering a|an @SEVERE? @SEVERE? heart|asthma|allergic|anaphylactic|diabetic|epileptic "
        "attack|reaction|shock|fit|seizure|hypo",
        "he|she|they|@CASUALTY @BE @ADV? fitting|convulsing|seizing",
        reject_next=fs("about over at with because of for"),
    )
    # a medical crisis told by its signs (stroke, anaphylaxis, a heart attack, a fall); time-neutral
    add(
        "medical_signs",
        _E,
        "injury",
        "present",
        "@HAS @ADV? had|having a|an @SEVERE? stroke|seizure|fit|heart",
        "speech|words|talking|voice @BE|'s|has|have|are @ADV? all? slurred|slurring|jumbled|garbled",
        "words @BE|are @ADV? coming out wrong|funny|jumbled",
        "face @HAS|@BE @ADV? dropped|drooped|drooping|droopy|lopsided",
        "face @HAS|@BE @ADV? gone|going all? droopy|floppy|numb|lopsided",
        "ca|can|cannot|could n't|nt|not? lift|raise|move|feel his|her|their arm|arms|leg|legs|left|right|face",
        "arm|arms|leg|legs|face|side|hand @HAS|@BE @ADV? gone|going all? numb|floppy|limp|dead|weak",
        "eyes @BE|'s|are|have @ADV? rolling|rolled back|up|into",
        "foaming at the mouth",
        f"he|she|they|{_WHO} @BE @ADV? talking|speaking|babbling gibberish",
        "pain|pains in his|her|their|my chest",
        "chest pain|pains",
        "chest @BE? @ADV? hurting|hurts|tight|painful",
        "face|mouth|smile @BE|looks|look|has @ADV? gone? all? funny|droopy|drooping|dropped|lopsided|wonky|weird|"
        "crooked on one side",
        "clutching|holding|gripping|grabbing his|her|their|my chest",
        "leg|arm|wrist|ankle|neck|back @BE|looks|look|'s @ADV? broken|wrong|bent|twisted",
        "leg|arm|wrist|ankle|neck|back @BE|looks|look|'s|bent|bending|pointing @ADV? the wrong way",
        exclude_context=fs("hospital hospitals ward a&e discharged recovered recovering doctor gp"),
    )
    add(
        "medical_not_making_sense",
        _E,
        "injury",
        "present",
        "@BE n't|not|nt @ADV? making|talking any|much? sense",
        reject_prev=fs("it this that which what there i you we letter form website email app system rules"),
    )
    add(
        "medical_not_making_sense_elided",
        _E,
        "injury",
        "present",
        "n't|nt|not @ADV? making|talking any|much? sense",
        needs_boundary_before=True,
        subject_before=_SUBJECTS,
    )
    add(
        "medical_swelling",
        _E,
        "injury",
        "present",
        "throat|tongue|lips|mouth|face|airway @BE|'s|are|has|have @ADV? swelling|swollen|swelled|closing",
        requires_any=fs(
            "allergic allergy allergies nut nuts peanut peanuts eaten ate stung sting bee wasp reaction breathe "
            "breathing epipen anaphylaxis anaphylactic"
        ),
    )
    # a fall: "she fell and can't get up", "my nan's on the floor and can't get up"
    add(
        "fallen_cant_get_up",
        _E,
        "injury",
        "present",
        "ca|can|cannot|unable n't|nt|not|to? get up|stand|move",
        "ca|can|cannot|unable n't|nt|not|to? get himself|herself|themselves|themself up",
        reject_next=fs("for in early till until at the this today tomorrow"),
        requires_any=_FALL_CONTEXT,
    )
    add(
        "found_on_floor",
        _E,
        "injury",
        # "we found her collapsed": a discovery told in the past tense is still now, unless dated
        "strong",
        *(
            f"found|find {who} on|at|by the|his|her|their|kitchen|hall|bathroom|bedroom|landing "
            "kitchen|hall|bathroom|bedroom|landing? floor|ground|bottom|path|pavement|street|road|grass|beach"
            for who in ("him|her|them", f"@DET|@POSS? {_WHO}")
        ),
        *(
            f"found|find {who} collapsed|unconscious|unresponsive"
            for who in ("him|her|them", f"@DET|@POSS? {_WHO}")
        ),
    )
    # a head injury with a sign that it is serious
    add(
        "head_injury",
        _E,
        "injury",
        "present",
        "hit|banged|bumped|smacked|knocked|cracked|bashed his|her|their|my head",
        habitual_ok=fs("keep keeps"),
        requires_any=fs(
            "sick vomiting vomited drowsy sleepy confused unconscious blood bleeding dizzy fitting seizure "
            "floppy"
        ),
    )
    # a small child who has swallowed something dangerous (only a distant past cancels it)
    add(
        "child_swallowed",
        _E,
        "injury",
        "strong",
        "@HAS? @ADV? swallowed|eaten|drunk|drank|ate|swallow _? _? _? _? button? "
        "battery|batteries|bleach|magnet|magnets|something|pills|tablets|medicine|detergent|liquitab|liquitabs|"
        "capsule|capsules|pod|pods|coin|washing|cleaning|chemicals",
        message_child=True,
    )
    dogs = "dog|dogs|pitbull|pitbulls|bully|bullies|rottweiler|rottweilers|staffie|staffies|alsatian|it|they"
    add(
        "dog_attack",
        _E,
        "injury",
        "present",
        f"{dogs} _? _? @BE? @ADV? attacking|biting|mauling|savaging @AOBJ|@POSS",
        f"{dogs} _? _? @BE|@HAS @ADV? going|gone|went for @AOBJ|@POSS",
        f"{dogs} _? _? @HAS @ADV? attacked|bitten|bit|mauled|savaged @AOBJ|@POSS",
        f"{dogs} _? _? @HAS|@BE @ADV? still? got hold of @AOBJ|@POSS",
        reject_next=fs("dog dogs cat cats ball toy"),
        requires_any=fs(
            "dog dogs pitbull pitbulls bully xl rottweiler rottweilers staffie staffies alsatian"
        ),
        exclude_context=fs("toy toys ball balls bone lead"),
    )
    # a person on foot on a fast road: "a child sat on the hard shoulder", "a man walking along the motorway"
    add(
        "person_on_motorway",
        _E,
        "road_danger",
        "present",
        "@CASUALTY|@CHILD|person|pedestrian|pedestrians _? @BE? @ADV? walking|sat|sitting|standing|stood|wandering|"
        "running|lying|crossing|playing on|along|across|in the|a @RADJ? @RADJ? @FAST",
        "@CASUALTY|@CHILD|person|pedestrian|pedestrians _? @BE? @ADV? walking|sat|sitting|standing|stood|wandering|"
        "running|lying|crossing|playing? on|along|across|in the|a railway|train line|lines|track|tracks",
        "@CASUALTY|@CHILD|person|pedestrian|pedestrians _? @BE? @ADV? walking|sat|sitting|standing|stood|wandering|"
        "running|lying|crossing|playing? on|along|across|in the|a tracks|track|railway",
        exclude_context=fs("driving drove cut undertook overtook speeding tailgating"),
    )
    # ---- someone lying in the road, a vehicle on its roof or driven into people -----------------
    add(
        "casualty_in_road",
        _E,
        "injury",
        "explicit",
        f"{_WHO} _? _? _? @BE @ADV? lying|laying|laid|led|slumped|sprawled in|on|across|by the|a? middle? of? "
        f"the? {_ROADSIDE}",
        f"{_WHO} _? _? _? @BE @ADV? lying|laying|laid|led|slumped|sprawled at the bottom of",
        exclude_context=_NOT_A_CASUALTY,
    )
    add(
        "casualty_in_road_telegraphic",
        _E,
        "injury",
        "present",
        f"{_WHO} lying|laying|laid|slumped|sprawled in|on|across the|a? middle? of? the? {_ROADSIDE}",
        f"{_WHO} lying|laying|laid|slumped|sprawled at the bottom of",
        exclude_context=_NOT_A_CASUALTY,
    )
    # trapped after a crash, a collapse, in a fire
    add(
        "casualty_trapped",
        _E,
        "injury",
        "present",
        f"{_WHO}|drivers|passengers|people|@VEH _? _? @BE|'s|are|got @ADV? trapped|stuck|pinned",
        "trapped|pinned in|inside|under|behind the|a|his|her|their|some @VEH|wreckage|rubble|debris",
        reject_prev=fs("i we 'm am m"),
        requires_any=fs(
            "crash crashed accident collision wreck wreckage rubble collapsed collapse fire smoke flames "
            "overturned flipped rolled"
        ),
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
        "there @BE @DET? @CHILD_ADJ? @CASUALTY in the|a @WATER",
        "@CASUALTY @BE @ADV? in the|a @WATER",
        "@CASUALTY drowning",
        "@BE @ADV? struggling|stuck|trapped|screaming|shouting in the|a? @WATER|mud|current|ice",
        "swept|washed|dragged|pulled out|away to|by the? sea|current|tide|river",
        "tide|current|sea|river|rip|waves @BE|'s @ADV? pulling|dragging|taking|sweeping|carrying him|her|them|me|us "
        "out|away|under",
        "cut off by the tide",
        "fallen|fell|gone|went through the ice",
        "stuck|trapped|stranded on|in|at the|a|some? cliff|cliffs|ledge|sandbank|mudflats|mud|rocks",
        exclude_context=fs(
            "debt work paperwork emails bills stress homework sorrows swimming paddling playing surfing fishing "
            "boat kayak canoe"
        ),
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
        f"{_WHO} @HAS? @ADV? fell|fallen|slipped|tumbled down|off|over @DET? rocks",
        reject_next=fs("path paths walk walks top steps"),
    )
    return table.rules
