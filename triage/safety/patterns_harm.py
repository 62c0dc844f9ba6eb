"""Emergency rules for harm to a person: weapons, injury, not breathing, fire, threats to life."""

from __future__ import annotations

from triage.safety.hit import EMERGENCY
from triage.safety.rule import Rule, RuleTable
from triage.safety.vocab import WORDS, fs

_E = EMERGENCY


def harm_rules() -> list[Rule]:
    table = RuleTable()
    add = table.add
    no_self = fs(WORDS["SELF"])
    # ---- weapons ------------------------------------------------------------------------------
    add(
        "weapon_possess",
        _E,
        "weapon",
        "explicit",
        "@HAS got|gotten @DET? @WADJ? @WADJ? @WEAPON",
        "has|have|'ve|ve @DET? @WADJ? @WADJ? @WEAPON",
        "@BE @ADV? @WACT out? @DET? @WADJ? @WADJ? @WEAPON",
        "@BE armed",
        reject_next=fs(WORDS["WEAPON_NOT_NEXT"]),
        reject_prev=fs("i we you"),
        exclude_context=no_self,
    )
    add(
        "weapon_present",
        _E,
        "weapon",
        "present",
        "got @DET? @WADJ? @WADJ? @WEAPON",
        "@WACT out? @DET? @WADJ? @WADJ? @WEAPON",
        "with|wiv @DET? @WADJ? @WADJ? @WEAPON",
        "with|got|holding|carrying|has what @LOOKS like|to be? a|an|some? @WADJ? @WADJ? @WEAPON",
        "@WACT|with|got @DET? broken|smashed bottle|bottles|glass",
        "armed with|man|men|gang|robber|robbers|robbery|intruder|intruders|burglar|burglars|youths",
        "gunshots|gunshot|gunfire",
        "gun shots|shot",
        "shots fired|being",
        "@BE @ADV? shooting at|people|someone|somebody|guns|me|us|him|her|them",
        "shooting at",
        "acid attack",
        "threw|thrown|throwing acid",
        reject_next=fs(WORDS["WEAPON_NOT_NEXT"]),
        exclude_context=no_self | fs("police forces"),
        habitual_ok=fs("keep keeps"),
    )
    # ---- injury -------------------------------------------------------------------------------
    add(
        "injury_now",
        _E,
        "injury",
        "explicit",
        "@BE @INJADV? @INJADV? hurt|injured|wounded|stabbed|stabed|shot|bleeding|bleading|glassed",
        exclude_context=fs("feelings pride"),
    )
    add(
        "injury_recent",
        _E,
        "injury",
        "present",
        "@HAS @ADV? been @INJADV? @INJ",
        "@HAS @ADV? been beaten|kicked up",
        "@HAS @ADV? been hit|knocked by @DET? @VEHICLE",
        "@HAS @ADV? been run|knocked over|down|off",
        "got stabbed|stabed|shot|glassed|slashed|knifed",
        "got run|knocked over|down|off",
        "got hit|knocked by @DET? @VEHICLE",
        "bleeding|bleading heavily|badly|loads|everywhere|lots|alot|profusely|out|from",
        "bleeding all over",
        "bleeding a lot",
        "blood everywhere",
        "lots|loads|pool|covered of|in blood",
        "a lot of blood",
        "losing|much blood",
        "need|needs|call|send|get|calling|needed|requires @DET? ambulance|ambulanse|paramedics|paramedic",
        "@HAS @ADV? cut|slit|slashed his|her|their wrists|wrist|throat",
        "there @HAS @ADV? been a|an stabbing|shooting|glassing",
        "blood @BE? @ADV? coming|pouring|gushing|pumping|spurting|running|dripping|streaming from|out|down",
        "@HAS|got|with @ADV? blood on|all|coming|pouring|running|dripping|down over? @POSS "
        "head|face|arm|leg|hand|hands|mouth|nose|neck|ear",
        "@HAS @ADV? cut|sliced|split|gashed|ripped|torn @POSS head|leg|arm|hand|foot|face|knee|wrist|chin open",
        "ca|can|cannot n't|nt|not? feel my|his|her|their legs|arms|leg|arm|body|face",
        exclude_context=fs("feelings pride tyre tyres tires tire seats seat roof hood tent bag bags sofa"),
    )
    add(
        "bleeding_heavy",
        _E,
        "injury",
        "present",
        "gushing|pumping|spurting|pouring|streaming blood",
        "@BE @ADV? gushing|pumping|spurting|pouring out?",
        "wo|will|does|ca|can n't|nt|not stop bleeding",
        requires_any=fs("blood bleeding cut gash wound stabbed glass slashed knife"),
        exclude_context=fs("water pipe tap rain leak leaking radiator toilet"),
    )
    add(
        "injury_victim",
        _E,
        "injury",
        "present",
        "@VICTIM @ADV? hit|knocked by @DET? @VEHICLE",
        "@VICTIM knocked|run down|over|off",
        "@VICTIM @INJADV? stabbed|stabed|shot|injured|glassed|knifed",
        reject_next=fs("his her their my a an the some its himself herself themselves"),
    )
    add(
        "injury_self_cut",
        _E,
        "threat_to_life",
        "present",
        "@HAS @ADV? cut|slit|slashed my wrists|wrist|throat",
    )
    add(
        "assault_just_now",
        _E,
        "in_progress",
        "recent",
        "@HAS? @ADV? been|got punched|hit|kicked|headbutted|beaten|attacked|assaulted|jumped|mugged|"
        "robbed|battered|bitten|burgled|threatened|spiked",
        "just punched|hit|kicked|headbutted|attacked|assaulted|jumped|mugged|robbed|slapped|stabbed|shot "
        "me|us|him|her|them|someone|somebody|my",
        "just stole|nicked|robbed|snatched|grabbed|smashed|burgled|nabbed my|our|her|his|the|a",
        "just punched|hit|kicked|headbutted|attacked|assaulted|jumped|mugged|robbed|slapped|stabbed|shot|"
        "knocked|glassed|bottled @DET|@POSS|some old|elderly|@CHILD_ADJ? @CHILD_ADJ? @VICTIM|@CHILD|@ADULT",
        "just broke|broken into",
        "@HAS? @ADV? just thrown|threw|chucked|lobbed a|an|some? brick|bricks|stone|stones|rock|rocks|bottle|bottles|"
        "something through|at|into",
        "just drove|driven off|away in|with my|our|the car|van|motor",
        "just been broken|broke into",
    )
    # ---- not breathing / unconscious -------------------------------------------------------------
    add(
        "not_breathing",
        _E,
        "not_breathing",
        "strong",
        "not|n't|nt @NOT_BREATHING",
        "stopped|stop @NOT_BREATHING",
        "ca|can|could n't|nt|not @BREATHE",
        "ca|can|could n't|nt|not get|catch his|her|their|my breath",
        "cannot @BREATHE",
        "struggling to @BREATHE",
        "no pulse|heartbeat",
        "@UNCONSCIOUS",
        "wo|will|ca|can n't|nt|not wake up",
        "ca|can n't|nt|not wake him|her|them|up",
        "not waking up",
        "barely|hardly breathing|breathe|conscious",
        "@BE @ADV? breathing @INJADV? weird|weirdly|funny|strangely|strange|oddly|shallow|noisily",
        "gasping|struggling for breath|air",
        "ca|can|cannot|could n't|nt|not? get him|her|them to wake|open|respond|answer|come",
        "ca|can n't|nt|not wake him|her|them up",
        "@PERSON _? _? @COLLAPSED",
        "@COLLAPSED on|in the|a floor|street|ground|pavement|road",
        "passed out",
        "he|she|they @BE n't|not|nt moving|responding|conscious",
        "he|she|they|someone|somebody|@VICTIM @BE @ADV? dead",
        "there @BE a|an dead body|man|woman|person",
        reject_next=fs("bias mind to"),
    )
    # ---- fire -----------------------------------------------------------------------------------
    add(
        "fire_now",
        _E,
        "fire",
        "explicit",
        "@BE @ADV? on fire|fir",
        "@BE @ADV? burning|alight|ablaze",
        "there @BE a|an? @WADJ? fire",
        "@BE @ADV? setting|starting @DET? fire|fires|light",
        "fire|fires|flames|blaze|smoke @BE|'s @ADV? out of control|hand",
        "fire|fires|flames|blaze|smoke @BE|'s @ADV? spreading|getting|coming|pouring",
        exclude_context=fs("eyes throat skin chest sun"),
        reject_next=fs(
            "hazard hazards risk safety alarm alarms drill exit door doors escape brigade service station engine "
            "engines extinguisher extinguishers blanket officer check checks"
        ),
    )
    not_a_fire = fs(
        "alarm alarms drill brigade exit extinguisher safety station service bbq barbecue barbeque "
        "bonfire chimney vape vaping cigarette cigarettes smoking weed cannabis fireworks"
    )
    add(
        "fire_present",
        _E,
        "fire",
        "present",
        "on fire",
        "alight|ablaze",
        "in flames",
        "flames",
        "a|the fire in|at|next|upstairs|downstairs|outside|on|inside|coming",
        "@FIRE_N fire",
        "set|sets|setting|started|starting|lit|lighting @DET? fire|fires|light",
        "smoke @SMOKE_NEXT",
        "smell|smells|smelling of? smoke|burning",
        "full of smoke",
        exclude_context=not_a_fire,
    )
    # a room filling with smoke; a bare "fire in the stairwell" (not "an open fire in the lounge")
    # about to be set alight: fuel poured over something, a lighter out
    add(
        "fire_about_to",
        _E,
        "fire",
        "present",
        "pouring|poured|throwing|splashing|splashed|sprinkling|tipping petrol|fuel|diesel|something|liquid|"
        "accelerant|paraffin over|on|onto|around|through|into",
        "@HAS got|gotten @DET? lighter|lighters|matches out",
        "@BE @ADV? holding|flicking|lighting @DET? lighter|lighters|matches|match",
        exclude_context=fs("bbq barbecue barbeque bonfire candle candles cigarette cigarettes fag"),
    )
    add(
        "fire_smoke_filling",
        _E,
        "fire",
        "present",
        "filling|fills|full up? with smoke|fumes",
        "fire in|inside|at|on the|our|my|his|her|their|next",
        reject_prev=fs("open log wood real coal gas electric camp cease a an the"),
        exclude_context=not_a_fire | fs("toast cooking"),
    )
    # ---- threats to life ------------------------------------------------------------------------
    obj = "me|us|her|him|them|everyone|everybody|someone|somebody|people"
    add(
        "threat_to_kill",
        _E,
        "threat_to_life",
        "threat",
        f"going|about to @KILLV {obj}|my|the|our|his",
        f"going|about to @HARMV {obj}",
        f"@FUT @KILLV {obj}|my|the|our|his",
        f"@FUT @HARMV {obj}",
        f"@WANT|trying|tryna to @KILLV {obj}|my|the|our|his",
        f"@WANT|trying|tryna to @HARMV {obj}",
        "going|about to @HARMV|@KILLV my|the|our|his|her kids|children|baby|son|daughter|family|mum|wife",
        "@FUT @HARMV my|the|our|his|her kids|children|baby|son|daughter|family|mum|wife",
        f"@THREAT_ING to @KILLV|@HARMV {obj}|my|the|our|his",
        f"said|says he|she|they 'd|would|d @KILLV|@HARMV {obj}",
        "@BE @ADV? strangling|choking|suffocating|smothering me|her|him|them|us|my|someone",
        "@BE @ADV? in danger|dnager",
        "my|our|her|his|their life|lives @BE in danger",
        "fear|scared|afraid|frightened|terrified|fearing for my|our|her|his|their life|lives",
        "gun to my|her|his head",
        reject_next=fs("of feelings chances credit"),
    )
    # "he's standing on his drive pointing it at our house" (a weapon named in the message)
    add(
        "weapon_pointing",
        _E,
        "weapon",
        "present",
        "@BE @ADV? pointing|aiming|waving|levelling it|that|one at",
        "pointing|aiming it|that|one at me|us|our|my|the|people|him|her|them",
        requires_any=fs(WORDS["WEAPON"]),
    )
    add(
        "threat_to_use",
        _E,
        "threat_to_life",
        "threat",
        "going|about|threatening|threatened|threatens to use|pull it|that|this|the|a @WEAPON? on me|us|her|him|them",
        "@FUT use it|that|this|the|a @WEAPON? on me|us|her|him|them",
        "going|about to|@FUT do me|us|her|him|them in",
        "@FUT do me|us|her|him|them",
        "said|says|saying he|she|they 'd|would|d _? _? _? _? _? do me|us|her|him|them in",
        reject_prev=fs("that it this which what who one"),
        reject_next=fs("a an the favour favor good proud fine for nicely up"),
        crosses_clauses=True,  # "he said he'd wait outside and do me in"
    )
    add(
        "fear_of_death",
        _E,
        "threat_to_life",
        "threat",
        "going to die",
        reject_next=fs("of from laughing"),
        reject_prev=fs("was were thought"),
    )
    add("threat_to_kill_recent", _E, "threat_to_life", "recent", f"threatened to @KILLV {obj}")
    add(
        "suicide_intent",
        _E,
        "threat_to_life",
        "threat",
        "going|about to kill|hang|shoot|stab|drown @SELF",
        "@FUT kill|hang|shoot|drown @SELF",
        "going|about to end it|my|his|her|their life|lives|things",
        "@FUT end it|my|his|her|their life",
        "going|about|threatening|threatens|threatning to take his|her|their|my own? life",
        "going|about|threatening|threatens|threatning|trying|wants|want to jump off|from|under",
        "going|about|threatening|threatens|threatning|trying|wants|want to jump in front",
    )
    add(
        "suicide_jump",
        _E,
        "threat_to_life",
        "threat",
        "going|about|threatening|threatens|threatning|trying|wants|want to jump",
        reject_next=fs("on at into in the ship queue out over through with ahead up down start a"),
    )
    pillq = "all|loads|lots|handful|too|a|the|whole|load|bottle|box|packet|lot|many|rest|half"
    add(
        "overdose_taken",
        _E,
        "threat_to_life",
        "strong",
        "@HAS @ADV? taken|swallowed a|an? overdose|od",
        "@HAS @ADV? taken|swallowed pills|tablets|paracetamol|meds|medication|painkillers",
        f"taken|took|swallowed {pillq} {pillq}? {pillq}? of? my|his|her|the|their? @PILLS|painkillers",
        "taken|took|swallowed # @PILLS|painkillers",
        "took|swallowed an|a overdose|od",
        "@HAS? @ADV? overdosed|od'd",
    )
    add(
        "kidnap",
        _E,
        "threat_to_life",
        "present",
        "@HAS @ADV? been kidnapped|abducted",
        "@BE @ADV? being kidnapped|abducted|held",
        "held|kept hostage",
        "held|kept against my|her|his|their will",
        reject_next=fs("in"),
    )
    # ---- a threat to burn a home, a goodbye note ----------------------------------------------------
    home = "@POSS|our|a house|flat|home|car|van|place|shop|door|business|caravan"
    add(
        "threat_to_burn",
        _E,
        "threat_to_life",
        "threat",
        f"going|about to burn|torch|firebomb {home}",
        f"going|about to set fire|light to {home}",
        f"going|about to set {home} on fire|alight",
        f"@FUT burn|torch|firebomb {home}",
        f"@FUT set fire|light to {home}",
        f"@THREAT_ING to burn|torch|firebomb {home}",
        f"@THREAT_ING to petrol|fire bomb {home}",
        f"@THREAT_ING to set fire|light to {home}",
        f"@WANT|trying|tryna to burn|torch {home}",
    )
    add(
        "suicide_note",
        _E,
        "threat_to_life",
        "strong",
        "suicide note|notes|letter|message|text|voicemail",
        "goodbye note|notes|message|messages|texts|text|posts|post|letter|letters|video|videos",
        "note|letter saying|said goodbye|bye",
    )
    return table.rules
