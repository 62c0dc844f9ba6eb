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
   dropped final g restored where the -ing form is a rule word (``breakin``, ``bleedin``); clock
   times read as ``2:00 o'clock`` (``2am`` is not the verb ``am``); ``little ones`` -> ``little
   children``; ``the n word`` keeps its ``n``.
   Common typos (``stabed``, ``knif``, ``brakeing``, ``machette``, ``unconcious`` ...) are simply
   listed in the token sets.
2. **Tokenise** with ``spacy.blank("en")`` (tokenizer only: no model, no lemmas, no POS).
3. **Segment**: *sentences* (split at ``. ! ? ;`` and new lines), *clauses* (sentences split again at
   ``and``, ``but``, ``then``, ``however`` ...) and *phrases* (clauses split again at commas and
   dashes). A rule match may not run across a clause boundary (a rule marked ``crosses_clauses``
   may run over ``and`` / ``but`` inside one sentence: ``I said no and he didn't stop``). A clause
   that opens with a verb after ``and`` / ``then`` / ``but`` has an *elided subject* (``two men have
   just got in and walked off with my bag``, ``she fell and isn't making sense``): it reads its time
   cues from the clause it continues as well as its own.
   Then match the token patterns (on ``LOWER``: ``IN`` lists, ``OP: "?"``, ``LIKE_NUM``) of the
   rules per clause and of the time / context cues per sentence, each pattern only where its
   required words are (``prefilter``): a 2,000-character message costs a few milliseconds.
4. **Gate** each match by the policy of its rule, using the cues of its clause (see below).
5. **Decide**: emergency beats safeguarding; within a category the most specific concern wins
   (``EMERGENCY_CONCERNS`` / ``SAFEGUARDING_CONCERNS`` are in priority order).

Rules (``patterns_*.py``; concern in brackets)
----------------------------------------------
Emergency, danger *now*:

- ``weapon_possess`` / ``weapon_present`` [weapon]: ``has/'s got/has a`` + weapon, ``is waving /
  holding / carrying`` + weapon, ``with a knife``, ``armed``, ``gunshots``, ``shots fired``, acid.
  Not ``a knife licence``, not ``I have a knife`` (first person), not ``... myself`` (self-harm).
  Also ``with what looks like a machete``, a broken bottle, a wrench / spanner / screwdriver in
  someone's hand (not on their own), ``weapon_pointing`` (``pointing it at us`` when the message
  names a weapon) and ``threat_to_use`` [threat_to_life] (``going to use it on me``, ``he'll do me
  in``).
- ``injury_now`` / ``injury_recent`` / ``injury_victim`` [injury]: ``is hurt/bleeding/stabbed``,
  ``has been stabbed/shot/glassed/hit by a car``, ``got stabbed``, ``pedestrian hit by a car``,
  ``blood everywhere``, ``need an ambulance``, ``there's been a stabbing``.
- ``not_breathing`` / ``casualty_unresponsive`` [not_breathing]: not breathing, can't breathe,
  unconscious, unresponsive, won't wake up, collapsed (with a person, also ``grandads collapsed``),
  passed out, ``the driver isn't moving``, lips / face going blue, choking, ``he's dead``.
- Casualties (``patterns_casualty``): ``medical_now`` [injury] (having a seizure / heart attack /
  stroke / a fit, fitting); ``casualty_in_road(_telegraphic)`` [injury] (a person lying / slumped
  in the road, on the pavement); ``vehicle_into_people`` [injury] (ploughed into a crowd);
  ``vehicle_overturned`` [road_danger] (a car on its roof); ``in_water`` /
  ``in_water_not_surfaced`` [threat_to_life] (fell in the river, drowning, swept out to sea,
  stranded on a ledge, ``hasn't come back up`` with a water word); ``fall_from_height`` [injury]
  (fallen off a roof / down a cliff).
- Plain-word medical emergencies (``patterns_casualty``, [injury] unless said): ``medical_signs``
  (a face dropped on one side, slurred speech, can't lift an arm, eyes rolling back, chest pain,
  clutching the chest, ``has had a stroke``, a leg that looks broken), ``medical_not_making_sense``
  (+ ``_elided``), ``medical_swelling`` (throat / lips swelling with an allergy word),
  ``fallen_cant_get_up`` (with a fall word), ``found_on_floor`` (``found her on the kitchen floor``,
  ``found him collapsed``), ``head_injury`` (a head hit + sick / drowsy / blood), ``child_swallowed``
  (a battery, tablets, bleach ... when the message names a child), ``dog_attack``,
  ``casualty_trapped`` (after a crash / collapse / fire), ``bleeding_heavy`` (``it's pumping out``,
  ``won't stop bleeding``), ``casualty_no_response`` / ``casualty_unresponsive_elided``
  [not_breathing] (``not answering``, ``won't get up``, ``isn't coming round``, ``... and not
  moving`` after a fall / crash / injury word); ``not_breathing`` also reads ``barely breathing``,
  ``breathing weird``, ``can't get him to wake up``, ``can't catch her breath``;
  ``person_on_motorway`` [road_danger] (someone on foot on a motorway or railway line). Children's
  words (``mummy``, ``daddy``, ``nanny``) are people in every rule.
- ``fire_now`` / ``fire_present`` / ``fire_smoke_filling`` / ``fire_about_to`` [fire] (fuel poured
  over something, a lighter out): on fire, there's a fire,
  flames, smoke coming from, set fire to, filling with smoke, a bare ``fire in the stairwell``
  (not alarms, bonfires, barbecues, fireworks, the fire brigade, an open fire).
- ``threat_to_kill`` / ``fear_of_death`` / ``suicide_intent`` / ``suicide_jump`` /
  ``overdose_taken`` / ``kidnap`` / ``injury_self_cut`` / ``threat_to_burn`` / ``suicide_note``
  and the message-level ``self_harm_immediate`` [threat_to_life]: ``going to / will / wants to /
  threatening to`` + kill / stab / hurt + a person, ``in danger``, ``fear for my life``,
  ``strangling``, ``going to kill myself``, ``threatening to jump``, ``I've taken pills / an
  overdose``, ``held hostage``, ``going to burn my house down``, ``left a suicide note``.
- ``abduction_now`` / ``held_in_vehicle(_not_let_out)`` / ``child_lure_now`` [threat_to_life]:
  dragging / bundling a person into a car or van, ``he's got my daughter in his car`` with ``won't
  let her out`` / ``locked``, a stranger trying to get children to come over to a car or van.
- ``in_progress_now`` / ``in_progress_passive`` / ``in_progress_telegraphic`` / ``fight_now`` /
  ``trying_to_get_in(_now)`` / ``assault_just_now`` [in_progress]: present progressive crime verbs
  (breaking in, stealing, smashing, kicking the door in, hitting / beating / attacking someone,
  fighting, throwing stones), ``is being robbed / attacked / stolen``, ``trying to get in``,
  ``trying car doors``, ``there's a fight / robbery / domestic``, ``in progress``, ``screaming for
  help``, ``just + mugged / punched / snatched``; ``entered_just_now`` / ``climbed_in_just_now`` (``have
  just got into the house``, ``has just climbed over the back fence``), ``theft_making_off_elided``
  / ``theft_made_off_elided`` (``... and walked off with my handbag``: the past form needs
  ``just``), ``assault_elided`` (``... shouting and hitting mummy``), ``screaming at him to stop``.
  Active forms with a first-person subject
  (``I'm trying to get into my account``, ``we're fighting a ticket``) are not crimes in progress.
  ``assault_telegraphic``: ``lads kicking someone`` (a person as the object); ``casing_now``
  (``looking through car windows``, ``checking door handles``; with a strong present cue).
- ``theft_carry_now`` / ``theft_carry_empty_home`` / ``theft_making_off`` [in_progress]: theft
  told by what the thieves are doing (``loading next door's telly into a van``, ``sawing the
  catalytic converter off``, ``cutting the padlock``), with a strong present cue or an empty home.
- ``intruder`` / ``offender_still_there(_elided)`` / ``offender_back`` / ``offender_here_help``
  [offender_present]: ``there's someone in my house``, ``he's still here``, ``they're still in the
  house``, ``hasn't left``, ``my ex is outside``, ``can't talk he'll hear me``, ``... and is now
  outside``, ``they're back now`` (after a crime word), ``help he's here``; ``there's someone
  lurking in my garden``; ``offender_heard`` / ``offender_inside_after_break_in`` (``I can hear
  someone inside`` / ``he's upstairs`` after a break-in word); ``offender_who_did_it`` (``the man
  who burgled me is outside``, ``... has just walked into the chippy``); ``offender_back`` also reads
  a person knocking / waiting / sat / lurking / turned up at the door now when the message names a
  conflict or a crime; ``offender_at_home_now`` (``... and he's outside the house now``, ``he's back
  outside now``: a strong present cue, no other context); ``peering_in`` (looking in through the
  window).
- ``missing_child(_gone / _got_out / _pronoun)`` [missing_child], ``missing_vulnerable_adult``
  [missing_person]: ``my son is missing``, ``can't find my 5 year old``, ``child missing``,
  ``hasn't come home``, ``has run away``, ``has been gone``, ``the toddler's got out``, ``lost my
  son``, ``can't find him / no one can find her`` when the message names a child (and no adult
  age); adults only with dementia / vulnerable / suicidal in the message (``walked out of the care
  home``). Ages of 18 or more are not children; ``took the kids bikes`` (a child's things) is not
  an abduction.
- ``being_followed_now`` / ``being_followed_behind`` / ``being_followed_telegraphic``
  [being_followed] (``he's still behind me``, ``a car has been behind me for the last 20 minutes``).
  A missing vulnerable adult also: ``has gone out of the house``, ``hasn't come back``, ``... and
  went out in his slippers`` (``_elided``); a missing child also ``nobody has seen him``.
- ``dangerous_driving_*`` / ``drunk_driver_here`` [dangerous_driving]: driving drunk / the wrong
  way / all over the road, a drunk driver *here now*, drunk and about to drive, a speed of 50 to
  199 stated now (``someone's doing 100 up and down our street``; not ``doing 36 in a 30`` or a
  fine, a course or a camera).
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

Safeguarding told as a story (the same categories): ``being_followed_story`` [stalking] (``a man
followed me for fifteen minutes``, ``I was followed round the shop``; not the police, not online);
``sexual_touching`` / ``abused_by`` / ``consent_ignored`` [sexual_offence] (a hand on a thigh, rubbed
himself against me, grabbed my bum, sexual comments, filmed getting changed, clothes half off, a
teacher abused me, ``I said no and he didn't stop``); ``coercive_control`` [domestic_abuse] (a
partner who decides who I see, takes my wages, an app on my phone, ``I'm not allowed my own bank
account``, grabbed me by the hair; needs a partner word); ``stalking_ex`` / ``stalking_messages``
(an ex who keeps showing up or always knows where I am; messages with photos of my house);
``child_neglect_signs`` / ``child_injury_signs`` / ``child_exploitation`` [child_at_risk] (always
hungry, on their own late at night, in just a nappy, ``our secret``, bruises again, county lines,
giving children vapes or lifts, older lads picking him up, asking a child for their snapchat,
``keep it secret``); the message-level ``child_adult_relationship`` (a child under 16 and an adult
of 18 or more with a boyfriend / girlfriend word); trafficking also reads debts owed, ``can't
leave``, ``never allowed out``, ``kept there``; hate crime also reads ``go back to where you came
from``, swastikas, a slur named by its kind (``a gay slur``), a damaged mosque / synagogue,
``muslims aren't welcome``, ``because I wear a headscarf``.

Time cues (the heart of "danger now" vs "a report of something that happened")
-----------------------------------------------------------------------------
- *present cue* (strong): ``now``, ``right now``, ``still``, ``currently``, ``at the moment``,
  ``just`` (not ``just wanted``, not ``just got`` unless ``just got in / into / hit``), ``as we
  speak``, ``can see`` / ``can hear``, and *recent* phrases: ``5 minutes ago``, ``seconds ago``,
  ``an hour ago``, ``half an hour ago``, ``for the last 10 minutes``.
- *past marker* (strong): ``yesterday``, ``last night/week/month/...``, ``ago``, ``the other day``,
  weekday names, month names, years (``2019``), ordinals (``the 5th``), dates, ``in the summer``,
  ``at half term``, ``earlier``,
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
  still fires: life-critical states are not argued away by a tense; so does ``a man took my sister into his
  car``, ``we found her collapsed``, ``my little boy ate some of my tablets``).
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

Ages (``ages``): ``N year old`` is explicit (an adult one rules out the child rules); a bare number
after a verb of being (``Jayden is 10``, ``I'm 13``, ``who is 23``) counts when no unit follows and
the subject is not a thing (``it's 10``, ``the fine is 100``).

Self-harm: ``want to kill myself`` / ``don't want to be here anymore`` / ``self harm`` / ``how many
paracetamol it would take`` / ``cut my arms again`` is safeguarding ``self_harm``; with immediacy
in the same sentence (``now``, ``tonight``,
``today``, ``about to``, pills / a rope / a knife in hand, on a bridge or roof, ``goodbye``; not
``I'm ok now``) it becomes emergency ``threat_to_life``, as do stated intent (``I'm going to kill
myself``) and acts (``I've taken pills``).

Known limits (by design or not yet handled)
-------------------------------------------
- Cues are per clause: ``men are jacking up my car and taking the wheels off as we speak`` does
  not fire (the ``as we speak`` is in the second clause, the theft words in the first; only an
  elided clause reads the cues of the clause *before* it).
- ``tonight`` is not a present cue and ``keeps`` reads as a habit: ``Tonight he's out there with a
  saw``, ``he keeps ringing me saying he's outside`` do not fire. Safeguarding needs a word the rules
  know: control by a parent (not a partner), homophobia only implied (``just because we were
  holding hands``), stalking told by routine (``the same man is at my bus stop every time``), an
  assault by an unnamed ``he`` do not fire. Measured figures and misses: README, "Emergencies and
  safeguarding: three layers"; the misses are strict ``xfail`` cases in
  ``tests/unit/safety/test_stories.py``.
- ``my husband is going to kill me`` with a speeding letter in the next sentence fires (an idiom
  the rules do not recognise across sentences).
- ``can't find him`` after a child noun fires even when "him" is someone else (``my son's friend
  nicked his bike and I can't find him``): accepted.
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
- Speed: ``bench/safety.py`` (CPU per check on 2 cores: ~0.2 ms for a short message, ~7 ms p50 /
  ~9 ms p95 for 2,000 characters).

Modules
-------
- ``hit``: ``SafetyHit``, the categories and the concerns in priority order.
- ``vocab``: the word classes (``@NAME`` in a pattern) and the token-pattern mini-language.
- ``rule``: the ``Rule`` record and the ``RuleTable`` the pattern tables are written with.
- ``patterns_harm`` / ``patterns_crime`` / ``patterns_people`` / ``patterns_road``: emergency
  rules; ``patterns_safeguarding``: safeguarding rules; ``patterns_disclosure``: safeguarding told
  as a story.
- ``cues``: the time / context cue table.
- ``normalise``: step 1 of the pipeline.
- ``context``: segmentation, elided subjects and cue spans (step 3 and the input to 4); ``ages``:
  ages in a message; ``prefilter``: each pattern matched only where its required words are.
- ``gates``: step 4, the policies; ``message_rules``: rules over the whole message.
- ``engine``: ``SafetyRules`` (compiles the matchers, step 2 and 5), ``default_rules``, ``check``;
  ``SafetyRules.fired(text)`` names every rule that fired (tests, analysts).
"""

from __future__ import annotations

from triage.safety.engine import SafetyRules, check, default_rules, message_words
from triage.safety.hit import EMERGENCY, EMERGENCY_CONCERNS, SAFEGUARDING, SAFEGUARDING_CONCERNS, SafetyHit

__all__ = [
    "EMERGENCY",
    "EMERGENCY_CONCERNS",
    "SAFEGUARDING",
    "SAFEGUARDING_CONCERNS",
    "SafetyHit",
    "SafetyRules",
    "check",
    "default_rules",
    "message_words",
]
