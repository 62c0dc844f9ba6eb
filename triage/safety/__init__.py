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

Rules (``patterns_*.py``; concern in brackets)
----------------------------------------------
Emergency, danger *now*:

- ``weapon_possess`` / ``weapon_present`` [weapon]: ``has/'s got/has a`` + weapon, ``is waving /
  holding / carrying`` + weapon, ``with a knife``, ``armed``, ``gunshots``, ``shots fired``, acid.
  Not ``a knife licence``, not ``I have a knife`` (first person), not ``... myself`` (self-harm).
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
- ``fire_now`` / ``fire_present`` / ``fire_smoke_filling`` [fire]: on fire, there's a fire,
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
  help``, ``just + mugged / punched / snatched``. Active forms with a first-person subject
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
  who burgled me is outside``).
- ``missing_child(_gone / _got_out / _pronoun)`` [missing_child], ``missing_vulnerable_adult``
  [missing_person]: ``my son is missing``, ``can't find my 5 year old``, ``child missing``,
  ``hasn't come home``, ``has run away``, ``has been gone``, ``the toddler's got out``, ``lost my
  son``, ``can't find him / no one can find her`` when the message names a child (and no adult
  age); adults only with dementia / vulnerable / suicidal in the message (``walked out of the care
  home``). Ages of 18 or more are not children; ``took the kids bikes`` (a child's things) is not
  an abduction.
- ``being_followed_now`` / ``being_followed_telegraphic`` [being_followed].
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
- Cues are per clause: ``men are jacking up my car and taking the wheels off as we speak`` does
  not fire (the ``as we speak`` is in the second clause, the theft words in the first).
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
- Speed: nearly all the time is spaCy's ``Matcher`` (~1 ms per message, see ``bench/safety.py``).

Modules
-------
- ``hit``: ``SafetyHit``, the categories and the concerns in priority order.
- ``vocab``: the word classes (``@NAME`` in a pattern) and the token-pattern mini-language.
- ``rule``: the ``Rule`` record and the ``RuleTable`` the pattern tables are written with.
- ``patterns_harm`` / ``patterns_crime`` / ``patterns_people`` / ``patterns_road``: emergency
  rules; ``patterns_safeguarding``: safeguarding rules.
- ``cues``: the time / context cue table.
- ``normalise``: step 1 of the pipeline.
- ``context``: segmentation and cue spans (steps 3 and the input to 4).
- ``gates``: step 4, the policies; ``message_rules``: rules over the whole message.
- ``engine``: ``SafetyRules`` (compiles the matchers, step 2 and 5), ``default_rules``, ``check``.
"""

from __future__ import annotations

from triage.safety.engine import SafetyRules, check, default_rules
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
]
