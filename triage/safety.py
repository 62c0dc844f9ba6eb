"""Deterministic safety rules: spot emergencies and safeguarding disclosures in one chat message.

This is the rule layer of DESIGN.md "Safety rules": the classifier cannot override it. It runs in
two places, so it imports only the standard library and spaCy (no Rasa) and behaves the same on
Python 3.9/3.10 with spaCy 3.4 (the Rasa runtime, through ``bot.components.SafetyOverride``) and
on Python 3.11 with spaCy 3.8 (the gateway, which runs it itself when Rasa is unreachable)::

    from triage.safety import default_rules
    hit = default_rules().check("hes got a knife and hes outside")
    # SafetyHit(category='emergency', concern='weapon', rule='weapon_possess')

A hit holds the category, the concern and the name of the rule that fired, never the matched text
(a message can hold personal data).

Pipeline for one message
------------------------
1. **Normalise** (pure string work): NFKC, lower case, curly quotes to ``'``, a space after
   ``.!?,;`` glued to the next word; apostrophe-less contractions restored (``hes`` -> ``he's``,
   ``theres``, ``im``, ``dont``, ``cant``, ``wont``, ``its`` ...); chat shorthand (``gonna`` ->
   ``going to``, ``wanna``, ``tryna``, ``pls``, ``u``, ``r``, ``rn`` -> ``right now``, ``bf``,
   ``some1``, ``w/`` ...); ages (``5yo``, ``5-year-old``, ``5 yr old`` -> ``5 year old``); runs of
   three or more repeated letters collapsed to a word the rules know (``helppp``, ``kniiife``);
   dropped final g restored where the -ing form is a rule word (``breakin``, ``bleedin``).
   Common typos (``stabed``, ``knif``, ``brakeing``, ``machette``, ``unconcious`` ...) are simply
   listed in the token sets.
2. **Tokenise** with ``spacy.blank("en")`` (tokenizer only: no model, no lemmas, no POS) and run
   one ``Matcher`` of token patterns on ``LOWER`` (``IN`` lists, ``OP: "?"``, ``LIKE_NUM``) for the
   rules, and a second one for time / context cues.
3. **Segment**: *sentences* (split at ``. ! ? ;`` and new lines), *clauses* (sentences split again at
   ``and``, ``but``, ``then``, ``however`` ...) and *phrases* (clauses split again at commas and
   dashes). A rule match may not run across a clause boundary.
4. **Gate** each match by the policy of its rule, using the cues of its clause (see below).
5. **Decide**: emergency beats safeguarding; within a category the most specific concern wins
   (``EMERGENCY_CONCERNS`` / ``SAFEGUARDING_CONCERNS`` are in priority order).

Rules (``_rules()``; concern in brackets)
-----------------------------------------
Emergency, danger *now*:

- ``weapon_possess`` / ``weapon_present`` [weapon]: ``has/'s got/has a`` + weapon, ``is waving /
  holding / carrying`` + weapon, ``with a knife``, ``armed``, ``gunshots``, ``shots fired``, acid.
  Not ``a knife licence``, not ``I have a knife`` (first person), not ``... myself`` (self-harm).
- ``injury_now`` / ``injury_recent`` / ``injury_victim`` [injury]: ``is hurt/bleeding/stabbed``,
  ``has been stabbed/shot/glassed/hit by a car``, ``got stabbed``, ``pedestrian hit by a car``,
  ``blood everywhere``, ``need an ambulance``, ``there's been a stabbing``.
- ``not_breathing`` [not_breathing]: not breathing, can't breathe, unconscious, unresponsive,
  won't wake up, collapsed (with a person), passed out, not moving, ``he's dead``.
- ``fire_now`` / ``fire_present`` [fire]: on fire, there's a fire, flames, smoke coming from, set
  fire to (not alarms, bonfires, barbecues, fireworks, the fire brigade).
- ``threat_to_kill`` / ``fear_of_death`` / ``suicide_intent`` / ``suicide_jump`` /
  ``overdose_taken`` / ``kidnap`` / ``injury_self_cut`` and the message-level
  ``self_harm_immediate`` [threat_to_life]: ``going to / will / wants to / threatening to`` + kill /
  stab / hurt + a person, ``in danger``, ``fear for my life``, ``strangling``, ``going to kill
  myself``, ``threatening to jump``, ``I've taken pills / an overdose``, ``held hostage``.
- ``in_progress_now`` / ``in_progress_passive`` / ``in_progress_telegraphic`` / ``fight_now`` /
  ``trying_to_get_in(_now)`` / ``assault_just_now`` [in_progress]: present progressive crime verbs
  (breaking in, stealing, smashing, kicking the door in, hitting / beating / attacking someone,
  fighting, throwing stones), ``is being robbed / attacked / stolen``, ``trying to get in``,
  ``trying car doors``, ``there's a fight / robbery / domestic``, ``in progress``, ``screaming for
  help``, ``just + mugged / punched / snatched``. Active forms with a first-person subject
  (``I'm trying to get into my account``, ``we're fighting a ticket``) are not crimes in progress.
- ``intruder`` / ``offender_still_there(_elided)`` / ``offender_back`` / ``offender_here_help``
  [offender_present]: ``there's someone in my house``, ``he's still here``, ``they're still in the
  house``, ``hasn't left``, ``my ex is outside``, ``can't talk he'll hear me``, ``... and is now
  outside``, ``they're back now`` (after a crime word), ``help he's here``.
- ``missing_child`` [missing_child], ``missing_vulnerable_adult`` [missing_person]: ``my son is
  missing``, ``can't find my 5 year old``, ``child missing``, ``hasn't come home``, ``has run
  away``, ``lost my son``; adults only with dementia / vulnerable / suicidal in the message.
  Ages of 18 or more are not children.
- ``being_followed_now`` / ``being_followed_telegraphic`` [being_followed].
- ``dangerous_driving_*`` / ``drunk_driver_here`` [dangerous_driving]: driving drunk / the wrong
  way / all over the road, a drunk driver *here now*, drunk and about to drive.
- ``road_blocked`` [road_danger]: a crash blocking the road (DESIGN.md: a blocked road is 999).
- ``help_now`` / ``help_scared`` / message-level ``help_cry`` [urgent_help].
- Message-level ``short_message``: at most 4 words naming a weapon, fire, an ambulance, stabbed /
  bleeding or an intruder (``man with knife``, ``FIRE``); ``still_here_short``: ``yes still
  there``.

Safeguarding (no tense requirement): ``self_harm``, ``sexual_offence``, ``domestic_abuse`` (a
partner / family member + violence or control verb + a person, ``abusive / controlling``,
``domestic abuse``, ``he hits me``), ``child_at_risk`` (children left alone, being groomed /
neglected, adults messaging a child), ``trafficking`` (passport taken, forced to work, not allowed
to leave, modern slavery; not drug trafficking), ``stalking`` (stalking, harassment, keeps turning
up, won't leave me alone, following me for weeks), ``hate_crime`` (racist / homophobic ...,
``because I'm gay`` together with an abuse word).

Time cues (the heart of "danger now" vs "a report of something that happened")
-----------------------------------------------------------------------------
- *present cue* (strong): ``now``, ``right now``, ``still``, ``currently``, ``at the moment``,
  ``just`` (not ``just wanted``), ``as we speak``, ``can see`` / ``can hear``, and *recent*
  phrases: ``5 minutes ago``, ``seconds ago``, ``for the last 10 minutes``.
- *past marker* (strong): ``yesterday``, ``last night/week/month/...``, ``ago``, ``the other day``,
  weekday names, month names, years (``2019``), ordinals (``the 5th``), dates, ``earlier``,
  ``this morning``, ``over the weekend``, ``previously``, ``in the past``, ``when I was``, a
  clause-final ``before``.
- *weak past*: ``was``, ``were``, ``had``, ``did``, ``saw``, ``noticed``, ``happened`` and common
  past crime verbs (``stole``, ``broke``, ``smashed``, ``took``, ``attacked`` ...). A clause with a
  weak past verb but also ``is/are/'s/has`` counts as present.
- *habitual*: ``always``, ``every night``, ``keeps``, ``all the time``, ``for weeks``, ``since``,
  ``most nights``, ``round here``, ``in my area``, ``lately``, ``there have been``, ``has been
  stealing`` (``has been`` + -ing) ...
- *hypothetical*: ``if``, ``what if``, ``in case``, ``how do I``, ``how to``, ``what happens``,
  ``prevent`` ... when they come *before* the match with no punctuation in between, and *legal /
  topic* words (``legal``, ``illegal``, ``law``, ``offence``, ``penalty``, ``licence``, ``amnesty``)
  anywhere in the phrase.
- *media*: ``cctv``, ``footage``, ``doorbell``, ``dashcam``, ``video``, ``photo`` (somebody
  describing a recording, not the street).
- *negation*: ``no``, ``not``, ``n't``, ``never``, ``nobody``, ``nothing``, ``without`` in the two
  tokens before the match (``nobody is hurt``, ``he didn't have a knife``), or anywhere earlier
  in the phrase when the subject is ``anyone`` (``I don't think anyone is hurt``); an interjection
  ``no he's ...`` at the start of a phrase is not a negation.

Policies (each rule has one)
----------------------------
- ``explicit``: the pattern itself is present tense (``is breaking in``, ``has got a knife``,
  ``is bleeding``, ``there's a fire``). Past markers do not cancel it (``he was here yesterday and
  now he's back outside with a knife``); habitual, hypothetical and negation do, unless a strong
  present cue is in the clause.
- ``present``: time-neutral wording (``a man with a gun``, ``on fire``, ``has been stabbed``,
  ``got shot``, ``someone breaking into my car``). Cancelled by a strong or weak past marker, a
  media word, habitual, hypothetical or negation, unless a strong present cue is in the clause. A
  clause with no time cue at all inherits a past reading from an earlier clause of the same
  sentence (``there was a fight yesterday and a man with a knife``).
- ``strong``: like ``present`` but only a *strong* past marker cancels it (``he was unconscious``
  still fires: life-critical states are not argued away by a tense).
- ``recent``: needs a strong present cue (``I've just been mugged``, ``he just punched me``).
- ``threat``: future threats (``he's going to kill me``, ``threatening to jump``). Only a strong
  past marker, habitual, hypothetical, negation or an idiom cancel it (``lol``, ``when she finds
  out``, ``my boss is going to kill me``); ``he said he'd kill me`` fires.
- ``missing``: a missing child. Ordinary past markers do not cancel it (``my daughter didn't come
  home last night`` is an emergency); a resolution (``he's back``, ``found her``, ``came home``)
  or a distant past (``in 2019``, ``years ago``, ``last year``) does.
- ``locative``: drink / dangerous *driver* as a noun fires only with a strong present cue or a
  location of the driver now (``there's a``, ``on the M6``, ``in front of me``, ``about to``).
- ``any``: safeguarding. No tense requirement (a past rape or a past assault by a partner is
  still a safeguarding disclosure); only negation cancels it.

Self-harm: ``want to kill myself`` / ``don't want to be here anymore`` / ``self harm`` is
safeguarding ``self_harm``; with immediacy anywhere in the message (``now``, ``tonight``,
``today``, ``about to``, pills / a rope / a knife in hand, on a bridge or roof, ``goodbye``; not
``I'm ok now``) it becomes emergency ``threat_to_life``, as do stated intent (``I'm going to kill
myself``) and acts (``I've taken pills``).

Known limits (by design or not yet handled)
-------------------------------------------
- One message at a time: context from earlier turns is not used (``I've got the pills in front of
  me`` or ``I'm on the bridge`` alone do not fire; ``yes`` to "is he still there?" does not).
- Pure past tense without a recency cue is a report, not an emergency: ``I was stabbed``, ``a man
  with a knife attacked me``, ``my son was hit by a car``, ``he threatened to kill me`` (the last
  is domestic abuse if a partner is named). The classifier (``emergency`` intent) and the report
  forms' "is anyone hurt / still there" questions are the other layers.
- Time cues are lexical: ``this morning`` and weekday names count as past even when the danger is
  ongoing (unless ``still`` / ``now`` is said); ``tonight`` is not a present cue.
- Deliberate false positives (safety beats cleverness): ``my mum's going to kill me`` (idiom not
  recognised), ``my son has a knife in his room``, ``I want to report a man with a knife outside
  the shop``, ``help me, I'm scared to report my neighbour`` (help + scared), ``there's a
  missing child appeal on facebook``, ``I smell smoke``, ``my ex is at the door``.
- Questions about emergencies without ``if`` / ``how`` (``do I need to call an ambulance for
  whiplash?``) can fire. Topic mentions of safeguarding words (``what is a hate crime?``,
  ``should I buy a rape alarm?``) fire safeguarding, which hands the chat to a person: accepted.
- Negation is a short window (plus ``anyone``): ``he said there was no knife, just a bat`` is not
  understood.
- Idioms: only ``lol`` / ``haha`` / ``joking``, ``when she finds out / sees the ...`` and a few
  subjects (boss, manager, teacher) are recognised.
- English only; no spelling correction beyond the listed typos and the normalisation above.
- Speed: nearly all the time is spaCy's ``Matcher`` (~1 ms per message, see ``bench/safety.py``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc

EMERGENCY = "emergency"
SAFEGUARDING = "safeguarding"

#: Emergency concerns, most specific / most urgent first (the first one that fires wins).
EMERGENCY_CONCERNS = (
    "not_breathing",
    "injury",
    "weapon",
    "threat_to_life",
    "fire",
    "in_progress",
    "offender_present",
    "missing_child",
    "missing_person",
    "being_followed",
    "dangerous_driving",
    "road_danger",
    "urgent_help",
)

#: Safeguarding concerns in priority order.
SAFEGUARDING_CONCERNS = (
    "self_harm",
    "sexual_offence",
    "domestic_abuse",
    "child_at_risk",
    "trafficking",
    "stalking",
    "hate_crime",
)


@dataclass(frozen=True)
class SafetyHit:
    """What the rule layer found: never the matched text, only its kind and the rule's name."""

    category: str  # "emergency" | "safeguarding"
    concern: str  # e.g. "weapon", "in_progress", "domestic_abuse", "self_harm"
    rule: str  # the rule that fired, e.g. "weapon_possess"

    def as_dict(self) -> dict[str, str]:
        return {"category": self.category, "concern": self.concern, "rule": self.rule}


# --------------------------------------------------------------------------------------------------
# Token sets (lower case). "@NAME" in a pattern refers to one of these.
# --------------------------------------------------------------------------------------------------

_S: dict[str, tuple[str, ...]] = {}


def _set(name: str, words: str) -> None:
    _S[name] = tuple(words.split())


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
    "uncle cousin him her",
)
_set(
    "VICTIM",
    "someone somebody man woman boy girl child kid pedestrian cyclist biker motorcyclist person "
    "people lad guy lady bloke driver passenger friend mate son daughter dad mum husband wife brother "
    "sister baby toddler teenager",
)
_set(
    "WEAPON",
    "knife knives knifes knif knive nife kinfe kife blade blades machete machetes machette mechete "
    "machetti gun guns gunn pistol pistols handgun shotgun shotguns rifle rifles firearm firearms "
    "crossbow crossbows sword swords axe axes hatchet hatchets hammer hammers crowbar crowbars bat bats "
    "cleaver cleavers taser tasers weapon weapons "
    "knuckleduster knuckledusters baton",
)
_set(
    "WADJ",
    "big massive huge large small kitchen zombie samurai baseball cricket metal iron broken carving "
    "bread stanley hunting real fake long sharp meat flick sawn machine air",
)
_set(
    "WACT",
    "waving waiving brandishing holding carrying wielding pointing swinging pulled pulling pulls "
    "flashing showing brandished waved pointed swung",
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
_set("INJADV", "badly seriously really very quite so proper bad still just heavily also too")
_set("VEHICLE", "car cars van bus lorry truck vehicle motorbike bike train taxi")
_set(
    "AOBJ",
    "me us him her them someone somebody a an the my his our their this that some people each "
    "everyone everybody woman man girl boy kid child lad guy bloke lady",
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
    "stripping grabbing filling cutting unscrewing unbolting jacking pushing",
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
    "grandads friend friends mate mates charity",
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
    "standing waiting lurking on at next",
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
    "stepfather mum mother mom stepmum brother sister son daughter uncle family",
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
    "grandchild nephew niece stepson stepdaughter teenager teen",
)
_set("CHILD_ADJ", "little young youngest eldest oldest baby teenage")
_set("CHILD_POSS", "my our her his the a their")
_set(
    "ADULT",
    "mum mom mother dad father nan nana gran granny grandma grandad grandpa grandfather grandmother "
    "husband wife partner brother sister friend uncle aunt auntie neighbour",
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
_set("FOLLOWING", "following followin folowing chasing")
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
    "sexuality disability colour color skin ethnicity nationality accent gender",
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
    "predator grown",
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
_set("BODY", "bum breasts breast chest crotch private privates leg legs thigh bottom body boobs")
_set("CAMERA", "camera cameras van speed lights light flash")
_set("INTERJ_SUBJ", "he she they it i we someone somebody there")

# Words that are a clause boundary. A rule match may not contain one.
_CLAUSE_WORDS = frozenset(["and", "but", "however", "although", "though", "whereas", "then", "plus"])
_SENT_PUNCT = frozenset([".", "!", "?", ";", "...", "…", "!!", "?!"])
_PHRASE_PUNCT = frozenset([",", "(", ")", "–", "—", ":", "/"])
_NEGATIONS = frozenset(
    ["no", "not", "n't", "nt", "never", "nobody", "noone", "nothing", "none", "without", "neither", "nor"]
)


_ANY_TOKEN, _NUMBER_TOKEN = "_", "#"


def _words(token: str) -> list[str]:
    out: list[str] = []
    for part in token.split("|"):
        if part == "#":
            raise ValueError(f"'#' cannot be part of an alternation: {token!r}")
        out.extend(_S[part[1:]] if part.startswith("@") else [part])
    return out


def _spec(token: str) -> dict[str, Any]:
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
    spec: dict[str, Any]
    if token == _ANY_TOKEN:
        spec = {}
    elif token == _NUMBER_TOKEN:
        spec = {"LIKE_NUM": True}
    else:
        words = _words(token)
        spec = {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}
    if optional:
        spec["OP"] = "?"
    return spec


def _pattern(text: str) -> list[dict[str, Any]]:
    return [_spec(t) for t in text.split()]


# --------------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    name: str
    category: str
    concern: str
    policy: str  # explicit | present | strong | recent | threat | missing | found | locative | any
    patterns: tuple[str, ...]
    #: the message must contain one of these words / phrases
    requires_any: frozenset[str] = frozenset()
    #: the clause must not contain any of these words
    exclude_context: frozenset[str] = frozenset()
    #: the token right after / before the match must not be one of these
    reject_next: frozenset[str] = frozenset()
    reject_prev: frozenset[str] = frozenset()
    #: the token before the match must be a clause boundary (an elided subject: "... and is still here")
    needs_boundary_before: bool = False
    #: child rules: a number of years in the match must be under 18
    child_age: bool = False
    #: habitual cues starting with one of these words do not cancel the rule ("a car keeps swerving")
    habitual_ok: frozenset[str] = frozenset()


def _fs(words: str | Iterable[str]) -> frozenset[str]:
    return frozenset(words.split() if isinstance(words, str) else words)


_SELF_HARM_OBJ = "myself meself myslef"
_FOLLOW_ONLINE = _fs(
    "social media online instagram insta twitter tiktok facebook snapchat youtube account accounts"
)
_E, _G = EMERGENCY, SAFEGUARDING


def _rules() -> tuple[_Rule, ...]:
    r: list[_Rule] = []

    def add(name: str, cat: str, concern: str, policy: str, *patterns: str, **kw: Any) -> None:
        r.append(_Rule(name, cat, concern, policy, tuple(patterns), **kw))

    no_self = _fs(_S["SELF"])
    first_person = _fs("i we 'm am m")
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
        reject_next=_fs(_S["WEAPON_NOT_NEXT"]),
        reject_prev=_fs("i we you"),
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
        "armed with|man|men|gang|robber|robbers|robbery|intruder|intruders|burglar|burglars|youths",
        "gunshots|gunshot|gunfire",
        "gun shots|shot",
        "shots fired|being",
        "@BE @ADV? shooting at|people|someone|somebody|guns|me|us|him|her|them",
        "shooting at",
        "acid attack",
        "threw|thrown|throwing acid",
        reject_next=_fs(_S["WEAPON_NOT_NEXT"]),
        exclude_context=no_self | _fs("police forces"),
    )
    # ---- injury -------------------------------------------------------------------------------
    add(
        "injury_now",
        _E,
        "injury",
        "explicit",
        "@BE @INJADV? @INJADV? hurt|injured|wounded|stabbed|stabed|shot|bleeding|bleading|glassed",
        exclude_context=_fs("feelings pride"),
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
        "ca|can|cannot n't|nt|not? feel my|his|her|their legs|arms|leg|arm|body|face",
        exclude_context=_fs("feelings pride tyre tyres tires tire seats seat roof hood tent bag bags sofa"),
    )
    add(
        "injury_victim",
        _E,
        "injury",
        "present",
        "@VICTIM @ADV? hit|knocked by @DET? @VEHICLE",
        "@VICTIM knocked|run down|over|off",
        "@VICTIM @INJADV? stabbed|stabed|shot|injured|glassed|knifed",
        reject_next=_fs("his her their my a an the some its himself herself themselves"),
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
        "just broke|broken into",
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
        "cannot @BREATHE",
        "struggling to @BREATHE",
        "no pulse|heartbeat",
        "@UNCONSCIOUS",
        "wo|will|ca|can n't|nt|not wake up",
        "ca|can n't|nt|not wake him|her|them|up",
        "not waking up",
        "@PERSON _? _? @COLLAPSED",
        "@COLLAPSED on|in the|a floor|street|ground|pavement|road",
        "passed out",
        "he|she|they @BE n't|not|nt moving|responding|conscious",
        "he|she|they|someone|somebody|@VICTIM @BE @ADV? dead",
        "there @BE a|an dead body|man|woman|person",
        reject_next=_fs("bias mind to"),
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
        exclude_context=_fs("eyes throat skin chest sun"),
        reject_next=_fs(
            "hazard hazards risk safety alarm alarms drill exit door doors escape brigade service station engine "
            "engines extinguisher extinguishers blanket officer check checks"
        ),
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
        exclude_context=_fs(
            "alarm alarms drill brigade exit extinguisher safety station service bbq barbecue barbeque "
            "bonfire chimney vape vaping cigarette cigarettes smoking weed cannabis fireworks"
        ),
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
        reject_next=_fs("of feelings chances credit"),
    )
    add(
        "fear_of_death",
        _E,
        "threat_to_life",
        "threat",
        "going to die",
        reject_next=_fs("of from laughing"),
        reject_prev=_fs("was were thought"),
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
        reject_next=_fs("on at into in the ship queue out over through with ahead up down start a"),
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
        reject_next=_fs("in"),
    )
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
        "@BE @ADV? banging|hammering|kicking|pounding on|at @POSS door|doors|window|windows",
        "there @BE a|an @FIGHT_ADJ? @FIGHT_N|robbery|burglary|break|mugging|disturbance|domestic",
        reject_prev=first_person,
        exclude_context=_fs("identity wifi electricity broadband ideas content data account details"),
    )
    add(
        "in_progress_passive",
        _E,
        "in_progress",
        "explicit",
        "@BE @ADV? being attacked|assaulted|beaten|hit|punched|kicked|stabbed|robbed|mugged|burgled|"
        "threatened|dragged|raped|battered|strangled|burgled|stolen|nicked|vandalised|vandalized|"
        "damaged|smashed|taken",
        "@BE @ADV? being broken|broke into|in",
    )
    add("fight_now", _E, "in_progress", "explicit", "@BE @ADV? fighting", reject_next=_fs(_S["FIGHT_REJECT"]))
    add(
        "trying_to_get_in_now",
        _E,
        "in_progress",
        "explicit",
        "@BE @ADV? @TRYING to? get|climb|force|squeeze in|into|through|over|inside",
        "@BE @ADV? @TRYING to? break|kick|smash|force|jimmy|pry|prise|pick|open @TRY_OBJ",
        "@BE @ADV? @TRYING to? steal|nick|take|pinch|rob|grab|snatch|drag|pull @TRY_OBJ2",
        "@BE @ADV? @TRYING|rattling @POSS? car|van|front|back|people's|peoples|every? @DOOR",
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
        reject_prev=first_person | _fs("be"),
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
        "screaming|shouting|yelling|crying|calling for help",
        "hear @DET? @PERSON screaming|screams|shouting|crying",
        "hear screaming|screams",
        reject_prev=first_person,
        exclude_context=_fs(
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
        f"@THIEF @BE? @ADV? @CARRY {loot}",
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
        exclude_context=_fs(
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
        requires_any=_fs("away holiday holidays vacation abroad empty")
        | _fs(
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
        exclude_context=_fs(
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
    add(
        "intruder",
        _E,
        "offender_present",
        "explicit",
        "there @BE @DET? @INTRUDER in|inside|on|upstairs|downstairs|at my|our|the? @PLACE",
        "@INTRUDER @BE @ADV? in|inside|on|at my|our|the @PLACE",
        "@OFFENDER @BE @ADV? here|outside|inside|in|upstairs|downstairs|nearby|around",
        "there @BE @DET? @OFFENDER",
        "there @BE @DET? @INTRUDER upstairs|downstairs|inside",
        "someone|somebody|intruder|intruders|stranger @BE @ADV? upstairs|downstairs|inside",
        "there @BE @DET? @INTRUDER in|inside|under|on my|our car|van|lorry|truck|motor|caravan",
        "@INTRUDER @BE @ADV? in|inside|under|on my|our car|van|lorry|truck|motor|caravan",
        "@INTRUDER @BE @ADV? in|inside|on my|our|the neighbours|neighbour|neighbor|neighbors|nan|nans|mum|mums "
        "'s? @PLACE",
        reject_next=_fs(_S["LOC_REJECT"]) | _fs("park parks wash showroom boot"),
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
        "@PERSON has|have|'s|did|ha n't|nt|not left|gone",
        "@PERSON still has|have|ha n't|nt|not? left|gone",
        "@ABUSER @BE @ADV? outside|here|at|in|back|banging",
        "ex -? @PARTNER? @BE @ADV? outside|here|at|in|banging",
        "ca|can|cannot n't|nt|not? talk|speak|call ,? he|she|they 'll|will|can|might|'s|is|are|'re|s "
        "hear|here|listening|in|next|downstairs|upstairs|watching|outside",
        "he|she|they 'll|will|might|can hear me|us",
        reject_next=_fs(_S["LOC_REJECT"]) | _fs("town"),
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
        reject_next=_fs(_S["LOC_REJECT"]),
    )
    add(
        "offender_back",
        _E,
        "offender_present",
        "recent",
        "he|she|they|@OFFENDER|@INTRUDER @BE @ADV? back",
        "he|she|they|@OFFENDER|@INTRUDER|@ABUSER|ex @BE outside|here|downstairs|upstairs|inside|at|in",
        requires_any=_fs(
            "break broke broken burgled burglar burglars stole stolen attacked threatened ex stalker "
            "abuser knife kicked smashed tried assaulted hit robbed mugged threatening kill stab"
        ),
    )
    add(
        "offender_here_help",
        _E,
        "offender_present",
        "explicit",
        "he|she|they|someone|somebody @BE @ADV? here|outside|back|inside|coming|downstairs|upstairs|in",
        requires_any=_fs(_S["HELP"]) | _fs(_S["SCARED"]) | _fs("hurry quick quickly 999 emergency"),
    )
    # ---- missing child ---------------------------------------------------------------------------
    child = "@CHILD_POSS? @CHILD_ADJ? @CHILD"
    age = "@CHILD_POSS? # year|month|yr old"
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
    add(
        "missing_child",
        _E,
        "missing_child",
        "missing",
        *[m.format(np=np) for m in missing for np in (child, age + " @CHILD?")],
        f"@MISSING {child}",
        reject_next=_fs(_S["MISS_REJECT"]) | _fs("to 's"),
        child_age=True,
    )
    add(
        "missing_child_found",
        _G,
        "child_at_risk",
        "found",
        *[m.format(np=np) for m in missing for np in (child, age + " @CHILD?")],
        *[f"{np} was|were|went|had|'d @ADV? gone? missing" for np in (child, age + " @CHILD?")],
        reject_next=_fs(_S["MISS_REJECT"]) | _fs("to 's"),
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
        "ca|can|could|cannot n't|nt|not find him|her|them",
        requires_any=_fs(
            "dementia alzheimers alzheimer's vulnerable suicidal disabled autistic autism elderly "
            "confused frail learning"
        ),
        reject_next=_fs(_S["MISS_REJECT"]),
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
        reject_next=_fs("in on around"),
        exclude_context=_FOLLOW_ONLINE,
    )
    add(
        "being_followed_telegraphic",
        _E,
        "being_followed",
        "present",
        "@FOLLOWING me|us",
        "followed|chased me|us home|here",
        reject_prev=_fs("stop"),
        exclude_context=_FOLLOW_ONLINE,
    )
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
        reject_prev=_fs("i we my"),
        exclude_context=_fs("mind thoughts life head hair paint"),
        habitual_ok=_fs("keep keeps"),
    )
    add(
        "dangerous_driving_racing",
        _E,
        "dangerous_driving",
        "recent",
        "@VEH|driver|drivers|someone|somebody|they @BE @ADV? racing|speeding|street",
        "@VEH racing|speeding",
        reject_prev=_fs("i we my"),
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
        requires_any=_fs(_S["DRUNK"])
        | _fs(["over the limit", "off his face", "off her face", "under the influence"]),
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
        exclude_context=_fs("mind thoughts life head"),
        habitual_ok=_fs("keep keeps"),
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
        requires_any=_fs(
            "crash crashed accident collision overturned debris fallen tree lorry spilled spill flipped "
            "branch branches load mattress ladder rubble cows cattle horses sheep horse cow"
        ),
    )
    no_animal = _fs(
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
        requires_any=_fs(_S["ANIMAL"]),
        exclude_context=no_animal,
    )
    no_debris = _fs(
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
        requires_any=_fs(_S["SCARED"]) | _fs("danger"),
    )
    # ================================ safeguarding ================================================
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
        "overdose|overdosed|overdosing",
        reject_next=_fs("of laughing with up"),
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
        exclude_context=_fs(_S["CAMERA"]),
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
        "forced|arranged marriage",
        "honour based|-|violence|abuse|crime",
        "he|she beats|hits|punches|slaps|kicks|strangles|chokes|abuses|batters|threatens|hurts me|us",
        "he|she keeps hitting|beating|hurting|threatening|punching|slapping|kicking|strangling me|us",
        "scared|afraid|frightened|terrified of my|our|her|his ex? @PARTNER",
        "@FAMILY _? _? _? said|says|told|tells|telling|saying|texted|messaged|threatened|threatens|threatening|"
        "swore|swears|messages|texts|posted|wrote _? _? _? _? @KILLV|@HARMV|burn|torch @DA_OBJ",
        "@FAMILY _? _? _? threatened|threatens|threatening|threatning to burn|torch|petrol|set",
        "@KILLV|@HARMV me|us if i|we leave|left|leaves|go|went him|her",
        exclude_context=_fs(_S["NOT_VEHICLE"]),
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
        "slavery|slave|slaves|trafficked|trafficking|trafficker|traffickers",
        "debt bondage",
        "forced labour|labor",
        reject_prev=_fs(_S["TRAFFIC_NOT_PREV"]) | _fs("i we"),
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
        exclude_context=_fs("parcel parcels delivery order package dpd evri courier"),
    )
    add(
        "stalking_followed",
        _G,
        "stalking",
        "any",
        "followed|following me|us home|to|back|from|around|round|everywhere",
        requires_any=_fs(
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
        requires_any=_fs(_S["HATE_CONTEXT"]),
    )
    return tuple(r)


#: Extra context some pattern families need, keyed by a word that starts the pattern family. Kept
#: small and explicit: the child-contact and grooming patterns fire only when the message also
#: mentions a child or an adult stranger / online contact.
_CHILD_CONTACT_HEADS = frozenset(
    [
        "messaging",
        "messages",
        "texting",
        "contacting",
        "chatting",
        "talking",
        "sending",
        "groomed",
        "grooming",
    ]
)

# --------------------------------------------------------------------------------------------------
# Cues
# --------------------------------------------------------------------------------------------------

_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|weds|thurs"
_MONTHS = (
    "january|february|april|june|july|august|september|october|november|december|jan|feb|apr|"
    "jun|jul|aug|sept|oct|nov|dec"
)
_YEAR = "~^(19|20)[0-9][0-9]$"
_UNITS = "weeks|months|years|days|week|month|year|while|fortnight|decade|decades"
#: Short weekday forms that are also words ("sat", "sun", "wed"): a past marker only in a frame.
_DAY_SHORT = "mon|tue|wed|thu|thur|fri|sat|sun|weds|tues|thurs"
_DAY_PART = "night|nite|morning|evening|afternoon|eve|lunchtime|teatime"
_OK = "ok|okay|fine|alright|allright|safe|unhurt|uninjured|better|good"
_CUES: dict[str, tuple[str, ...]] = {
    "PRESENT": (
        "now",
        "right now",
        "still",
        "currently",
        "at the moment",
        "just",
        "as we speak",
        "at this moment",
        "this minute",
        "this second",
        "as i type",
        "as i speak",
        "as i write",
        "at present",
        "can see",
        "can hear",
        "could see",
        "in progress",
    ),
    "RECENT": (
        "# minutes|minute|mins|min|seconds|secs|second|moments ago",
        "a few|couple of? minutes|minute|mins|seconds|moments ago",
        "a minute|moment|second ago",
        "moments|seconds ago",
        "just now",
        "for|in the last|past #? minutes|mins|min|seconds|secs",
        "for|in the last|past few|couple of? minutes|mins|min|seconds|secs",
        "for # minutes|mins|min|seconds|secs",
    ),
    "PAST": (
        "yesterday",
        "ago",
        "last night|week|month|year|weekend|time|summer|winter|spring|autumn|christmas|" + _WEEKDAYS,
        _WEEKDAYS,
        _MONTHS,
        "in|on|of|last|since|early|late|mid march|may",
        "the other day|night|week|evening|morning",
        f"on|last|since|from|this|past {_DAY_SHORT}",
        f"{_DAY_SHORT} {_DAY_PART}",
        "in|during the early hours",
        "at|over|on christmas|easter|halloween|bonfire",
        "at|over new year|years",
        "bonfire night",
        "new year 's|s eve|day",
        "new years eve|day",
        "christmas eve|day",
        "boxing day",
        "the night|week|day before last|yesterday",
        "earlier",
        "this morning|afternoon",
        "overnight",
        "during|in the night",
        "over|at the weekend",
        "previously",
        "in the past",
        "back in",
        "a while back",
        "when i|he|she|we was|were",
        "as a child|kid|teenager",
        "growing up",
        "in my childhood",
        "historic|historical",
        "used to",
        "months|years|weeks back",
        _YEAR,
        "~^[0-9]{1,2}(st|nd|rd|th)$",
        "~^[0-9]{1,2}[/.-][0-9]{1,2}([/.-][0-9]{2,4})?$",
    ),
    "DISTANT": (
        "years|year|months ago",
        "last year",
        "as a child|kid|teenager",
        "when i|he|she|we was|were",
        "in the past",
        "back in",
        "growing up",
        "historic|historical",
        "used to",
        _YEAR,
    ),
    "WEAK_PAST": (
        "was|were|wasn't|weren't|had|hadn't|did|didn't|saw|noticed|happened|stole|broke|smashed|took"
        "|nicked|robbed|mugged|attacked|assaulted|punched|burgled|threatened|damaged|chased|followed"
        "|fled|ran|left|came|went|told|reported|found",
    ),
    "WEAK_PRESENT": ("is|are|am|'s|'re|'m|has|have|'ve|isn't|aren't|s|re",),
    "HABITUAL": (
        "always",
        "constantly",
        "regularly",
        "repeatedly",
        "often",
        "usually",
        "normally",
        "sometimes",
        "every|each night|day|week|weekend|evening|morning|time|few|other|single|month|year|afternoon",
        "all the time",
        "most nights|days|weekends|evenings|mornings|weeks|nights",
        "keep|keeps|kept",
        "for weeks|months|years|days|ages|hours|decades",
        "for a while|long|year|month|week|fortnight",
        "for a few|couple of? weeks|months|years|days",
        "for some time",
        "for the past|last #? weeks|months|years|days|week|month|year|while|few",
        f"for over|nearly|about|almost|around|like|more than? a|an? {_UNITS}",
        f"for over|nearly|about|almost|around|like|more than? # {_UNITS}",
        "for # weeks|months|years|days",
        "since",
        "round|around here",
        "in my|our|the area|neighbourhood|neighborhood",
        "lately",
        "recently",
        "these days",
        "nowadays",
        "there have|has been",
        "several|many|few|numerous|multiple times",
        "twice",
        "on and off",
        "day after day",
        "night after night",
        "at weekends",
        "at night",
        "in weeks|months|years|days",
        "would always",
        "any time",
        "whenever",
        "@HAS been ~^(?!bleed|breath)[a-z]+ing$",
    ),
    "HYPO": (
        "if",
        "what if",
        "in case",
        "suppose",
        "supposing",
        "imagine",
        "hypothetically",
        "how do|can|would|should|could i|we|you|one|people",
        "how to",
        "what happens",
        "prevent",
        "deter",
        "tips",
        "advice",
        "in future",
        "in the future",
        "whether",
        "ways to",
        "what should",
        "what would",
        "what to do",
        "what do|should|can|would|could i|we|you|people|one do",
        "where do|can|should|would i|we|you|people",
        "who do|should|can|would i|we|you|people call|ring|phone|contact|tell|report",
        "should someone",
        "should a",
        "worried about being",
        "when should",
    ),
    "LEGAL": (
        "legal",
        "illegal",
        "law",
        "laws",
        "offence",
        "offense",
        "allowed",
        "penalty",
        "sentence",
        "prosecuted",
        "punishment",
        "amnesty",
        "licence",
        "license",
        "legally",
        "statistics",
        "stats",
        "arrestable",
        "crime rate",
    ),
    "MEDIA": (
        "cctv",
        "footage",
        "video",
        "videos",
        "recording",
        "recorded",
        "doorbell",
        "dashcam",
        "dash cam",
        "camera",
        "cameras",
        "photo",
        "photos",
        "picture",
        "pictures",
        "screenshot",
        "caught on",
        "film",
        "filmed",
        "movie",
        "tv",
        "news",
        "documentary",
        "game",
        "radio",
        "facebook",
        "twitter",
        "tiktok",
        "instagram",
        "youtube",
        "newspaper",
        "article",
        "story",
        "novel",
        "social media",
    ),
    "RESOLVED": (
        "@BE|was|were|has|have back|home|safe|found",
        "came|come|got|returned back|home",
        "been|was|were found",
        "turned up",
        "returned",
        "found him|her|them",
        "safe and well",
        "safe now",
        "home now",
        "back now",
        "with me now",
        "found safe",
    ),
    "LOCATIVE": (
        "there|here @BE",
        "on the",
        "in front",
        "behind me|us",
        "ahead of",
        "outside",
        "about to",
        "heading|going|driving towards|down|along|up|into|onto",
        "in a car|van",
        "just left",
        "leaving",
        "getting into|in",
        "right now",
        "now",
    ),
    "IMMEDIACY": (
        "now",
        "right now",
        "tonight",
        "today",
        "about to",
        "this minute",
        "goodbye",
        "bye",
        "as we speak",
        "@HAS|got|have|has|'ve @DET? pills|tablets|rope|knife|blade|razor|gun",
        "on|at|off the|a bridge|roof|ledge|edge|railway|tracks|cliff|balcony|motorway",
        "left|written|wrote a note",
        "final",
        "last message",
        "'ll|will do it",
    ),
    "IDIOM": (
        "lol",
        "lmao",
        "haha",
        "hahaha",
        "jk",
        "joking",
        "kidding",
        "😂",
        "🤣",
        "finds out",
        "find out",
        "found out",
        "sees|see the|this|that|my|how|what",
        "hears about",
    ),
    # "it's over": the person says they are fine now. A "now" inside one of these is not a present cue.
    "OVER": (
        f"@BE @ADV? all? {_OK} now?",
        f"feel|feeling|felt|seem|seems @ADV? {_OK} now?",
        "just|only a? few|couple|bit? of? bruises|bruised|bruising|scratches|scratched|scrapes|scraped|cuts|"
        "grazes|grazed|sore|shaken|shook|minor",
        "just|only a|some black|cut|scratch|bruise|graze|scrape|bump|nosebleed|eye",
        "nobody|noone|none hurt|injured",
        "no one hurt|injured",
        "no injuries|injury",
        "out of hospital",
        "been discharged",
        "home safe",
        "made it home",
    ),
    # a fire that is out
    "OUT": (
        "it|fire|flames|blaze|bin|bins|shed @BE|has|have|was|were @ADV? out|extinguished now?",
        "fire 's|s out now?",
        "@BE|been|was|were|got put out now?",
        "put it|the|them fire? out",
        "extinguished",
        "burnt|burned out",
    ),
    # the offender is not here ("he's not here now", "he hasn't been round since", "they've gone")
    "ABSENT": (
        "he|she|they|ex|someone|somebody @BE|has|have|does|did|is|was n't|not|nt @ADV? "
        "here|there|around|about|outside|nearby|back|been|come|coming|seen|in now?",
        "he|she|they @BE|has|have @ADV? gone|left now?",
        "long gone",
        "not seen him|her|them since|again",
        "n't|nt seen him|her|them since|again",
    ),
    # someone else's account: the news, social media, a story ("did you see the fire on the news")
    "REMOTE": (
        "on|in the news|radio|paper|papers",
        "saw|seen|read|heard|watched|watching|reading|posted|shared|says|said|post|posts|video|article|"
        "report|reports|reported on|in the? news|radio|telly|tv|internet|paper|papers|web|facebook|twitter|"
        "instagram|insta|tiktok|youtube|snapchat|socials|whatsapp|reddit|nextdoor|social|group",
        "newspaper",
        "headlines",
        "heard|read|reading|hear about",
        "did|have you hear|heard|see|seen|read about|there|if|whether",
        "writing|reading|watching|read|watched a|an|my? story|book|novel|essay|film|movie|documentary|drama|"
        "programme|show|series|play",
    ),
    # talk about emergencies, not one ("what counts as an emergency", "999 or 101")
    "TOPIC": (
        "count|counts|counted|classed|class|considered|classified as a|an? emergency",
        "is|would|does|will|could it|this|that be? a|an emergency",
        "a|an emergency ?",
        "what is|'s a|an emergency",
        "999 or 101",
        "101 or 999",
        "when to call|ring|phone|use|dial 999",
    ),
}
#: "still" / "now" before these is not danger now ("I'm still scared of him").
_STILL_FEELING = _fs(
    "scared afraid frightened worried upset shaken traumatised traumatized anxious nervous angry shocked "
    "waiting recovering having suffering thinking awaiting annoyed"
)
#: After "I'm ok": the speaker is not sure it is over ("I'm ok I think but I can't feel my legs").
_HEDGES_AFTER = _fs("but though although except apart think guess maybe probably")
_HEDGES_BEFORE = _fs("says said think thinks reckon reckons apparently claims")
#: "I don't know what to do": a hypothetical marker after these is distress, not a question.
_KNOW_WORDS = _fs("know knowing knw kno sure idea clue unsure understand")
#: Sentence openers of a question ("what do you do when ...", "is it 999 when ...").
_QUESTION_OPENERS = _fs(
    "what what's whats who who's how where why which should do does can could would will is are am was "
    "were when"
)
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NOT_WEEKDAY = _fs(
    "today someday sunday monday tuesday wednesday thursday friday saturday holiday birthday midday payday "
    "heyday weekday workday everyday doomsday mayday yesterday noonday doday"
)
#: Tokens that signal a child or an adult stranger / online contact (grooming rules need one).
_CHILD_WORDS = frozenset(_S["CHILD"]) | frozenset(["year", "old"])


def _cue_spec(text: str) -> list[dict[str, Any]]:
    return [_spec(t) for t in text.split()]


# --------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------

_REPLACE = {
    "im": "i'm",
    "ive": "i've",
    "hes": "he's",
    "shes": "she's",
    "theres": "there's",
    "theyre": "they're",
    "theyve": "they've",
    "youre": "you're",
    "weve": "we've",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "wont": "won't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "hadnt": "hadn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "wouldnt": "wouldn't",
    "aint": "ain't",
    "whats": "what's",
    "thats": "that's",
    "its": "it's",
    "someones": "someone's",
    "somebodys": "somebody's",
    "nobodys": "nobody's",
    "whos": "who's",
    "wheres": "where's",
    "heres": "here's",
    "hell": "he'll",
    "shell": "she'll",
    "theyll": "they'll",
    "itll": "it'll",
    "gonna": "going to",
    "gunna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "tryna": "trying to",
    "u": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "pls": "please",
    "plz": "please",
    "plzz": "please",
    "pleas": "please",
    "ppl": "people",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "hubby": "husband",
    "rn": "right now",
    "b4": "before",
    "2day": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "some1": "someone",
    "sum1": "someone",
    "no1": "no one",
    "any1": "anyone",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "bc": "because",
    "becuase": "because",
    "becasue": "because",
    "mins": "minutes",
    "secs": "seconds",
    "hrs": "hours",
    "yday": "yesterday",
    "ystday": "yesterday",
    "yesterdy": "yesterday",
    "wiv": "with",
    "exbf": "ex boyfriend",
    "exgf": "ex girlfriend",
    "somone": "someone",
    "sombody": "somebody",
    "knifes": "knives",
    "ya": "you",
    "ambulence": "ambulance",
    "theif": "thief",
    "theives": "thieves",
    "burgler": "burglar",
    "burglers": "burglars",
}
# "hell" / "shell" are only read as contractions before a verb-ish word, see _normalise.
_CONTRACTION_ONLY_BEFORE_VERB = frozenset(["hell", "shell"])
_WORD = re.compile(r"[a-z0-9'][a-z0-9']*")
_GLUED_PUNCT = re.compile(r"([.!?,;:])(?=[a-z])")
_AGE1 = re.compile(r"\b(\d{1,2})\s*-?\s*(?:yo|y/o|y\.o\.?)(?![a-z])")
_AGE2 = re.compile(r"\b(\d{1,2})\s*-?\s*(?:years?|yrs?|yr)\s*-?\s*old\b")
_WITH_SLASH = re.compile(r"(?<![a-z])w/\s?")
_REPEAT3 = re.compile(r"([a-z])\1{2,}")
_RUN = re.compile(r"([a-z])\1+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")
_HELL_VERBS = frozenset(
    [
        "kill",
        "hurt",
        "stab",
        "shoot",
        "be",
        "find",
        "see",
        "hear",
        "come",
        "go",
        "get",
        "know",
        "do",
        "hit",
        "murder",
        "beat",
        "batter",
    ]
)


def _collapse_repeats(word: str, vocab: frozenset[str]) -> str:
    """``helppp`` -> ``help``, ``kniiife`` -> ``knife``: try every run at length 1 or 2."""
    runs = list(_RUN.finditer(word))
    if len(runs) > 6:  # keep the search small
        return _REPEAT3.sub(r"\1\1", word)
    candidates = [""]
    pos = 0
    for run in runs:
        prefix = word[pos : run.start()]
        letter = run.group(1)
        candidates = [c + prefix + letter for c in candidates] + [c + prefix + letter * 2 for c in candidates]
        pos = run.end()
    tail = word[pos:]
    for cand in candidates:
        if cand + tail in vocab:
            return cand + tail
    return _REPEAT3.sub(r"\1\1", word)


def _normalise(text: str, vocab: frozenset[str]) -> str:
    t = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    t = _ZERO_WIDTH.sub("", t)
    t = _GLUED_PUNCT.sub(r"\1 ", t)
    t = _AGE1.sub(r"\1 year old", t)
    t = _AGE2.sub(r"\1 year old", t)
    t = _WITH_SLASH.sub("with ", t)
    t = t.replace("&", " and ")
    words = list(_WORD.finditer(t))
    out: list[str] = []
    pos = 0
    for i, m in enumerate(words):
        w = m.group(0)
        new = w
        if w.endswith("in'") and w[:-1] + "g" in vocab:
            new = w[:-1] + "g"
        elif _REPEAT3.search(w):
            new = _collapse_repeats(w, vocab)
        if new.endswith("in") and new not in vocab and new + "g" in vocab:
            new = new + "g"
        if new in _REPLACE:
            if new in _CONTRACTION_ONLY_BEFORE_VERB:
                nxt = words[i + 1].group(0) if i + 1 < len(words) else ""
                if nxt in _HELL_VERBS:
                    new = _REPLACE[new]
            else:
                new = _REPLACE[new]
        out.append(t[pos : m.start()])
        out.append(new)
        pos = m.end()
    out.append(t[pos:])
    return " ".join("".join(out).split())


# --------------------------------------------------------------------------------------------------
# The rule engine
# --------------------------------------------------------------------------------------------------


@dataclass
class _Context:
    """Per-message analysis: tokens, segmentation and where each kind of cue occurs."""

    words: list[str]
    clause: list[int]
    phrase: list[int]
    sentence: list[int]
    boundary: list[bool]
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    clause_cues: dict[int, set[str]] = field(default_factory=dict)
    padded: str = ""


class SafetyRules:
    """Compiled rule set. Build once (compiling the matchers is the costly part), then call ``check``."""

    def __init__(self) -> None:
        import spacy
        from spacy.matcher import Matcher

        self._nlp = spacy.blank("en")
        self._rules = {rule.name: rule for rule in _rules()}
        self._matcher = Matcher(self._nlp.vocab)
        for rule in self._rules.values():
            self._matcher.add(rule.name, [_pattern(p) for p in rule.patterns])
        self._cue_matcher = Matcher(self._nlp.vocab)
        for label, cues in _CUES.items():
            self._cue_matcher.add(label, [_cue_spec(c) for c in cues])
        self._vocab = self._build_vocab()

    # -- public API --------------------------------------------------------------------------------

    def check(self, text: str) -> SafetyHit | None:
        """The most urgent hit for one message, or ``None``. Emergency beats safeguarding."""
        hits = self.hits(text)
        return hits[0] if hits else None

    def hits(self, text: str) -> list[SafetyHit]:
        """Every distinct (category, concern) that fired, most urgent first."""
        if not text or not text.strip():
            return []
        doc = self._nlp.make_doc(_normalise(text, self._vocab))
        ctx = self._context(doc)
        found: dict[tuple[str, str], SafetyHit] = {}

        def keep(hit: SafetyHit) -> None:
            found.setdefault((hit.category, hit.concern), hit)

        for match_id, start, end in self._matcher(doc):
            rule = self._rules[self._nlp.vocab.strings[match_id]]
            if self._passes(rule, ctx, start, end):
                keep(SafetyHit(rule.category, rule.concern, rule.name))

        for hit in self._message_rules(ctx, found):
            keep(hit)
        return sorted(found.values(), key=_rank)

    # -- analysis ----------------------------------------------------------------------------------

    def _build_vocab(self) -> frozenset[str]:
        words: set[str] = set()
        for values in _S.values():
            words.update(values)
        for rule in self._rules.values():
            for p in rule.patterns:
                for tok in p.split():
                    if not tok.startswith("~"):
                        words.update(w for w in tok.rstrip("?").split("|") if w[:1] not in "@#_")
        for cues in _CUES.values():
            for c in cues:
                for tok in c.split():
                    if not tok.startswith("~"):
                        words.update(w for w in tok.rstrip("?").split("|") if w[:1] not in "@#_")
        words.update(_REPLACE)
        return frozenset(w for w in words if w.isalpha())

    def _context(self, doc: Doc) -> _Context:
        words = [t.text if t.is_space else t.lower_ for t in doc]
        n = len(words)
        clause = [0] * n
        phrase = [0] * n
        sentence = [0] * n
        boundary = [False] * n
        c = p = s = 0
        for i, tok in enumerate(doc):
            w = words[i]
            sent_break = (
                w in _SENT_PUNCT
                or (tok.is_space and "\n" in tok.text)
                or (tok.is_punct and len(w) > 1 and set(w) <= set(".!?"))
            )
            clause_break = sent_break or (w in _CLAUSE_WORDS and not _binomial(words, i))
            phrase_break = (
                clause_break or w in _PHRASE_PUNCT or (w == "-" and i > 0 and bool(doc[i - 1].whitespace_))
            )
            if sent_break:
                s += 1
            if clause_break:
                c += 1
            if phrase_break:
                p += 1
            boundary[i] = clause_break
            clause[i], phrase[i], sentence[i] = c, p, s
        ctx = _Context(words, clause, phrase, sentence, boundary, padded=" " + " ".join(words) + " ")
        spans: dict[str, list[tuple[int, int]]] = {label: [] for label in _CUES}
        for match_id, start, end in self._cue_matcher(doc):
            spans[self._nlp.vocab.strings[match_id]].append((start, end))
        recent = spans["RECENT"]
        if recent:  # "5 minutes ago" is recent, not past
            spans["PAST"] = [sp for sp in spans["PAST"] if not any(a <= sp[0] < b for a, b in recent)]
            spans["DISTANT"] = [sp for sp in spans["DISTANT"] if not any(a <= sp[0] < b for a, b in recent)]
            spans["PRESENT"] = spans["PRESENT"] + recent
        # a clause-final "before" is a past marker ("he's been stabbed before")
        for i, w in enumerate(words):
            if w == "before" and (i + 1 == n or boundary[i + 1] or words[i + 1] in _PHRASE_PUNCT):
                spans["PAST"].append((i, i + 1))
        # misspelt weekdays ("wensday", "satuday") are past markers too
        for i, w in enumerate(words):
            if _weekday_typo(w):
                spans["PAST"].append((i, i + 1))
        # "when" in a question is hypothetical ("what do you do when someone is following you"); so is
        # "is a man with a knife an emergency" (not "it's an emergency")
        for i, w in enumerate(words):
            if w in ("when", "whenever") and _in_question(words, sentence, i):
                spans["HYPO"].append((i, i + 1))
            elif (
                w == "emergency"
                and i > 1
                and words[i - 1] in ("a", "an")
                and words[i - 2] not in _COPULA
                and _opens_question(words, sentence, i)
            ):
                spans["TOPIC"].append((i, i + 1))
        # "I don't know what to do / how to ...": distress, not a hypothetical
        spans["HYPO"] = [sp for sp in spans["HYPO"] if not (sp[0] > 0 and words[sp[0] - 1] in _KNOW_WORDS)]
        # "I'm ok I think but ...", "he's fine but ...": a hedged "ok" does not settle anything
        spans["OVER"] = [
            sp
            for sp in spans["OVER"]
            if not any(
                words[j] in _HEDGES_AFTER and sentence[j] == sentence[sp[0]]
                for j in range(sp[1], min(n, sp[1] + 4))
            )
            and not any(
                words[j] in _HEDGES_BEFORE and sentence[j] == sentence[sp[0]]
                for j in range(max(0, sp[0] - 3), sp[0])
            )
        ]
        # "he's not here yet" is not an absence
        spans["ABSENT"] = [sp for sp in spans["ABSENT"] if not (sp[1] < n and words[sp[1]] == "yet")]
        # "it's out of control" is not out
        spans["OUT"] = [
            sp for sp in spans["OUT"] if not (sp[1] < n and words[sp[1]] in ("of", "there", "side"))
        ]
        settled = spans["OVER"] + spans["OUT"] + spans["ABSENT"]
        # "just" only counts as "right now" when it is not "just want/wondering/asking"; "still" not when
        # it is "still scared"; a "now" inside "I'm ok now" / "it's out now" / "he's not here now" is not
        # danger now
        spans["PRESENT"] = [
            sp
            for sp in spans["PRESENT"]
            if not (words[sp[0]] == "just" and sp[0] + 1 < n and words[sp[0] + 1] in _JUST_NOT_NOW)
            and not (words[sp[0]] == "still" and sp[0] + 1 < n and words[sp[0] + 1] in _STILL_FEELING)
            and not any(a <= sp[0] <= b for a, b in settled)
        ]
        ctx.cues = spans
        for label, found in spans.items():
            for start, _end in found:
                ctx.clause_cues.setdefault(clause[start], set()).add(label)
        return ctx

    # -- gating ------------------------------------------------------------------------------------

    def _passes(self, rule: _Rule, ctx: _Context, start: int, end: int) -> bool:
        words = ctx.words
        # a match may not run across a clause boundary
        if any(ctx.boundary[i] for i in range(start, end)):
            return False
        if rule.needs_boundary_before and start > 0 and not ctx.boundary[start - 1]:
            return False
        if rule.reject_next and end < len(words) and words[end] in rule.reject_next:
            return False
        if rule.reject_prev and start > 0 and words[start - 1] in rule.reject_prev:
            return False
        if rule.requires_any and not self._message_has(ctx, rule.requires_any):
            return False
        clause_id = ctx.clause[end - 1]
        if rule.exclude_context and any(
            words[i] in rule.exclude_context for i in range(len(words)) if ctx.clause[i] == clause_id
        ):
            return False
        if rule.child_age and not _child_age_ok(words[max(0, start - 4) : end]):
            return False
        if rule.name == "child_at_risk" and words[start] in _CHILD_CONTACT_HEADS:
            msg = set(words)
            if not (msg & _CHILD_WORDS and msg & frozenset(_S["CHILD_CONTACT"])):
                return False
        if self._negated(ctx, start):
            return False
        if rule.policy == "any":
            return True
        if rule.policy == "found":  # a missing child who is back, and a stranger was involved
            return (
                bool(ctx.cues["RESOLVED"])
                and not self._resolution_negated(ctx)
                and bool(set(words) & _STRANGER)
            )
        return self._time_ok(rule, ctx, start, end)

    @staticmethod
    def _message_has(ctx: _Context, needles: frozenset[str]) -> bool:
        words = set(ctx.words)
        for needle in needles:
            if " " in needle:
                if f" {needle} " in ctx.padded:
                    return True
            elif needle in words:
                return True
        return False

    @staticmethod
    def _negated(ctx: _Context, start: int) -> bool:
        words = ctx.words
        # "I don't think anyone is hurt": "anyone" right before the match looks back for a negation
        if (
            start > 0
            and words[start - 1] in _NPI
            and any(words[i] in _NEGATIONS for i in range(start - 1) if ctx.phrase[i] == ctx.phrase[start])
        ):
            return True
        for i in range(max(0, start - 2), start):
            if ctx.phrase[i] != ctx.phrase[start] or words[i] not in _NEGATIONS:
                continue
            # "no he's got a knife": an interjection at the start of a phrase, not a negation
            first_of_phrase = i == 0 or ctx.phrase[i - 1] != ctx.phrase[i]
            if (
                words[i] == "no"
                and first_of_phrase
                and i + 1 < len(words)
                and words[i + 1] in _S["INTERJ_SUBJ"]
            ):
                continue
            return True
        return False

    def _time_ok(self, rule: _Rule, ctx: _Context, start: int, end: int) -> bool:
        anchor = end - 1
        clause_id, phrase_id = ctx.clause[anchor], ctx.phrase[anchor]
        clause_cues = ctx.clause_cues.get(clause_id, set())
        strong_present = "PRESENT" in clause_cues
        # hypothetical: a marker before the match in the same phrase, or a legal/topic word anywhere
        # in the phrase. A hypothetical scope also runs over "and"/"but" up to the next punctuation.
        if not strong_present and self._hypothetical(ctx, start, phrase_id):
            return False
        sentence_id = ctx.sentence[anchor]
        # talk about emergencies ("does a bin fire count as an emergency?", "999 or 101?")
        if not strong_present and any(ctx.sentence[a] == sentence_id for a, _b in ctx.cues["TOPIC"]):
            return False
        if rule.policy == "missing":
            if ctx.cues["RESOLVED"] and not self._resolution_negated(ctx):
                return False
            return not ctx.cues["DISTANT"]
        # someone else's account ("I saw on twitter there's a fire", "did you hear about the stabbing")
        if (
            not strong_present
            and rule.policy not in ("threat", "strong")
            and any(
                ctx.sentence[a] == sentence_id and (a < start or ctx.phrase[a] == phrase_id)
                for a, _b in ctx.cues["REMOTE"]
            )
        ):
            return False
        # it is over: "it's out now" after a fire; "I'm ok now", "just bruises", "he's not here now"
        # after a time-neutral or past account ("got mugged on friday, just a few bruises")
        if not strong_present and rule.concern == "fire" and any(a >= end for a, _b in ctx.cues["OUT"]):
            return False
        if (
            not strong_present
            and rule.policy in ("present", "recent")
            and any(a >= end for a, _b in ctx.cues["OVER"] + ctx.cues["OUT"] + ctx.cues["ABSENT"])
            and self._phrase_reads_past(ctx, start, end)
        ):
            return False
        habitual = [
            a
            for a, _b in ctx.cues["HABITUAL"]
            if ctx.clause[a] == clause_id and ctx.words[a] not in rule.habitual_ok
        ]
        if habitual and not strong_present:
            return False
        if rule.policy == "recent":
            return strong_present
        if rule.policy == "threat":
            if self._idiom(ctx, start, end):
                return False
            return strong_present or "PAST" not in clause_cues
        if rule.policy == "explicit":
            return True
        if strong_present:
            return True
        if "PAST" in clause_cues:
            return False
        if rule.policy == "strong":
            return True
        if rule.policy == "locative":
            return "LOCATIVE" in clause_cues
        # "present": weak past (without a weak present), media, or an inherited past reading cancel
        if "MEDIA" in clause_cues:
            return False
        if "WEAK_PAST" in clause_cues and "WEAK_PRESENT" not in clause_cues:
            return False
        if not clause_cues & {"WEAK_PAST", "WEAK_PRESENT"}:
            return not self._earlier_clause_past(ctx, clause_id)
        return True

    @staticmethod
    def _hypothetical(ctx: _Context, start: int, phrase_id: int) -> bool:
        # scope of a hypothetical marker: from the marker to the next punctuation mark
        for a, _b in ctx.cues["HYPO"]:
            if a < start and not any(
                ctx.words[i] in _SENT_PUNCT or ctx.words[i] in _PHRASE_PUNCT or "\n" in ctx.words[i]
                for i in range(a, start)
            ):
                return True
        return any(ctx.phrase[a] == phrase_id for a, _b in ctx.cues["LEGAL"])

    @staticmethod
    def _phrase_reads_past(ctx: _Context, start: int, end: int) -> bool:
        """The match's phrase tells of an event (a past verb, ``got`` + participle) and has no present
        verb outside the "it's over" words themselves: "my friend got stabbed" yes, "there's a man
        with a knife" and "a man with a knife outside" no."""
        phrase_id = ctx.phrase[end - 1]
        settled = ctx.cues["OVER"] + ctx.cues["OUT"] + ctx.cues["ABSENT"]
        present = {a for a, _b in ctx.cues["WEAK_PRESENT"]}
        pastish = False
        for i, w in enumerate(ctx.words):
            if ctx.phrase[i] != phrase_id or any(a <= i < b for a, b in settled):
                continue
            if i in present and w != "got":
                return False
            if w in _PASTISH or (len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED):
                pastish = True
        return pastish

    @staticmethod
    def _earlier_clause_past(ctx: _Context, clause_id: int) -> bool:
        sentence_of_clause = {ctx.clause[i]: ctx.sentence[i] for i in range(len(ctx.words))}
        sentence = sentence_of_clause.get(clause_id)
        for cid in range(clause_id - 1, -1, -1):
            if sentence_of_clause.get(cid, sentence) != sentence:
                break
            cues = ctx.clause_cues.get(cid, set())
            if "PRESENT" in cues or ("WEAK_PRESENT" in cues and "PAST" not in cues):
                return False
            if "PAST" in cues or "WEAK_PAST" in cues:
                return True
        return False

    @staticmethod
    def _resolution_negated(ctx: _Context) -> bool:
        return all(
            any(ctx.words[i] in _NEGATIONS for i in range(max(0, a - 2), a + 1))
            or (a + 1 < len(ctx.words) and ctx.words[a + 1] in ("n't", "nt", "not"))
            for a, _b in ctx.cues["RESOLVED"]
        )

    @staticmethod
    def _idiom(ctx: _Context, start: int, end: int) -> bool:
        # "my boss is going to kill me": a figure of speech for these subjects
        if any(ctx.words[i] in _IDIOM_SUBJECTS for i in range(max(0, start - 5), start)):
            return True
        for a, _b in ctx.cues["IDIOM"]:
            w = ctx.words[a]
            if w in ("lol", "lmao", "haha", "hahaha", "jk", "joking", "kidding", "😂", "🤣"):
                return True
            if a >= end and ctx.sentence[a] == ctx.sentence[end - 1]:
                return True
        return False

    # -- message-level rules ---------------------------------------------------------------------

    def _message_rules(self, ctx: _Context, found: dict[tuple[str, str], SafetyHit]) -> list[SafetyHit]:
        out: list[SafetyHit] = []
        content = [w for w in ctx.words if any(ch.isalnum() for ch in w)]
        if not content:
            return out
        content_set = set(content)
        # a cry for help and nothing else: "help", "help me", "please help!!", "SOS"
        if content_set <= frozenset(_S["HELP_ONLY_WORDS"]) and content_set & frozenset(
            ["help", "hlp", "halp", "sos", "999", "hurry", "emergency"]
        ):
            needs_urgency = "need" in content_set or "needed" in content_set
            if not needs_urgency or content_set & frozenset(
                [
                    "now",
                    "quick",
                    "quickly",
                    "urgent",
                    "urgently",
                    "asap",
                    "immediately",
                    "hurry",
                    "sos",
                    "emergency",
                    "999",
                ]
            ):
                out.append(SafetyHit(EMERGENCY, "urgent_help", "help_cry"))
        # very short messages naming the danger: "man with knife", "FIRE!!", "intruder"
        if len(content) <= 4 and not content_set & _SHORT_EXCLUDE:
            no_time = not (ctx.cues["PAST"] or ctx.cues["HYPO"] or ctx.cues["LEGAL"] or ctx.cues["WEAK_PAST"])
            if no_time and not any(w in _NEGATIONS for w in content):
                for w in content:
                    concern = _SHORT_KEYWORDS.get(w)
                    if concern:
                        out.append(SafetyHit(EMERGENCY, concern, "short_message"))
                        break
                if (
                    "still" in content_set
                    and content_set & frozenset(["here", "there", "outside", "inside", "around", "nearby"])
                    and not content_set & frozenset(["you", "i", "we", "me", "'m"])
                    and "?" not in ctx.words
                ):
                    out.append(SafetyHit(EMERGENCY, "offender_present", "still_here_short"))
        # self-harm with immediacy is a threat to life
        if (SAFEGUARDING, "self_harm") in found and any(
            not any(ctx.words[i] in _SAFE_NOW for i in range(max(0, a - 3), a))
            for a, _b in ctx.cues["IMMEDIACY"]
        ):
            out.append(SafetyHit(EMERGENCY, "threat_to_life", "self_harm_immediate"))
        return out


_IDIOM_SUBJECTS = _fs("boss manager teacher coach insurer insurance gaffer")
#: Past forms that tell of an event (with "-ed" words, see ``_phrase_reads_past``).
_PASTISH = frozenset(_CUES["WEAK_PAST"][0].split("|")) | _fs(
    "got gotten hit cut shot threw thrown beat beaten bit bitten stole stolen broke broken set lit caught "
    "fell knocked ran run took taken pulled jumped mugged"
)
_NOT_PAST_ED = _fs("need needed bed shed speed seed feed bleed breed weed freed red embed")
#: A found child was with one of these: safeguarding ("we found him, a man was talking to him").
_STRANGER = _fs(
    "man men stranger strangers adult adults older guy guys bloke blokes woman women lady someone somebody "
    "lift messaging texting groomed grooming"
)


_BINOMIALS = frozenset(
    [
        ("up", "down"),
        ("in", "out"),
        ("back", "forth"),
        ("round", "round"),
        ("to", "fro"),
        ("on", "off"),
        ("over", "under"),
    ]
)


def _binomial(words: Sequence[str], i: int) -> bool:
    """``and`` inside "up and down", "in and out", "back and forth": not a clause boundary."""
    return 0 < i < len(words) - 1 and words[i] == "and" and (words[i - 1], words[i + 1]) in _BINOMIALS


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance; the words are short."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def _weekday_typo(word: str) -> bool:
    """``wensday``, ``wendsday``, ``satuday``, ``thursdy``: a misspelt weekday (not ``today``, ``midday``)."""
    if not 5 <= len(word) <= 11 or word in _NOT_WEEKDAY or not word.isalpha():
        return False
    if not word.endswith(("day", "dy", "dya", "dai")):
        return False
    return any(_edit_distance(word, day) <= 2 for day in _WEEKDAY_NAMES)


_COPULA = _fs("'s s is are 're was were be been it its it's this that 'm am m")


def _opens_question(words: Sequence[str], sentence: Sequence[int], i: int) -> bool:
    """Does the sentence of token ``i`` open (before ``i``) with a question word?"""
    sid = sentence[i]
    first = next((j for j in range(i + 1) if sentence[j] == sid and words[j][:1].isalnum()), None)
    return first is not None and first != i and words[first] in _QUESTION_OPENERS


def _in_question(words: Sequence[str], sentence: Sequence[int], i: int) -> bool:
    """Is token ``i`` inside a question: the sentence opens with a question word, or ends with ``?``."""
    sid = sentence[i]
    if _opens_question(words, sentence, i):
        return True
    for j in range(i + 1, len(words)):
        if sentence[j] != sid:
            return "?" in words[j] and set(words[j]) <= set("?!")
    return False


#: Negative-polarity subjects: "nobody/anyone is hurt" reads the negation earlier in the phrase.
_NPI = _fs("anyone anybody any")
#: "I'm safe now", "I'm ok now": "now" after these is not immediacy.
_SAFE_NOW = _fs("ok okay fine safe better alright over stopped recovered good")
_JUST_NOT_NOW = frozenset(
    [
        "want",
        "wanted",
        "wanting",
        "wondering",
        "wondered",
        "asking",
        "checking",
        "need",
        "needed",
        "like",
        "wanna",
        "a",
        "an",
        "the",
        "to",
        "wanting",
        "moved",
        "got",
    ]
)
_SHORT_KEYWORDS: dict[str, str] = {}
for _w in _S["WEAPON"]:
    _SHORT_KEYWORDS[_w] = "weapon"
for _w in ("fire", "flames", "smoke", "burning"):
    _SHORT_KEYWORDS[_w] = "fire"
for _w in ("ambulance", "stabbed", "stabed", "shot", "bleeding", "bleading", "injured"):
    _SHORT_KEYWORDS[_w] = "injury"
for _w in _S["UNCONSCIOUS"]:
    _SHORT_KEYWORDS[_w] = "not_breathing"
for _w in ("intruder", "intruders", "burglar", "burglars", "burglary", "robbery"):
    _SHORT_KEYWORDS[_w] = "offender_present"
_SHORT_EXCLUDE = _fs(
    "service brigade station alarm alarms exit extinguisher safety works fighter fighters crime crimes "
    "amnesty bin licence license report reported reporting insurance number reference stats "
    "statistics door certificate gone left arrested caught fled ran away out put"
)


def _rank(hit: SafetyHit) -> tuple[int, int]:
    if hit.category == EMERGENCY:
        order: Sequence[str] = EMERGENCY_CONCERNS
        cat = 0
    else:
        order = SAFEGUARDING_CONCERNS
        cat = 1
    return (cat, order.index(hit.concern) if hit.concern in order else len(order))


def _child_age_ok(words: Sequence[str]) -> bool:
    """A number of years inside a child rule's match must be under 18 ("my 40 year old son" is not)."""
    for i, w in enumerate(words):
        if w.isdigit() and i + 1 < len(words) and words[i + 1] in ("year", "yr", "years"):
            return int(w) < 18
        if w in _AGE_WORDS and i + 1 < len(words) and words[i + 1] in ("year", "yr", "years"):
            return _AGE_WORDS[w] < 18
    return True


_AGE_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_AGE_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80})


@functools.lru_cache(maxsize=1)
def default_rules() -> SafetyRules:
    """The shared, lazily built rule set (built on first use, never at import time)."""
    return SafetyRules()


def check(text: str) -> SafetyHit | None:
    """Convenience: ``default_rules().check(text)``."""
    return default_rules().check(text)


__all__ = [
    "EMERGENCY",
    "EMERGENCY_CONCERNS",
    "SAFEGUARDING",
    "SAFEGUARDING_CONCERNS",
    "SafetyHit",
    "SafetyRules",
    "check",
    "default_rules",
]
