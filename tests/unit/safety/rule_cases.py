"""Positive and negative cases for each rule added for long messages (issue #8 item 5).

``RULE_CASES[rule] = (fires, does_not_fire)``: every text in ``fires`` must fire that rule (and its
category must be among the message's hits); no text in ``does_not_fire`` may fire it, and for an
emergency rule the message must not be an emergency at all. The negatives are near misses: the same
words in a past story, a hypothetical, a negation, a figure of speech or an ordinary report.

Written from the rule specification (``triage/safety/__init__.py``), not copied from any evaluation
file.
"""

from __future__ import annotations

RULE_CASES: dict[str, tuple[list[str], list[str]]] = {
    # ---- medical, in plain words ------------------------------------------------------------------
    "bleeding_heavy": (
        [
            "he's cut his hand on the glass and it's pumping out",
            "she's gashed her leg and it won't stop bleeding",
        ],
        [
            "the water pipe is gushing out under the sink",
            "my nose wouldn't stop bleeding after the fight last year",
        ],
    ),
    "medical_signs": (
        [
            "my dad's face has dropped on one side",
            "she can't lift her arm and her speech is all slurred",
            "my husband is clutching his chest",
            "his eyes are rolling back",
            "I think my mum's had a stroke",
            "her leg looks broken",
        ],
        [
            "my dad had a stroke last year and now he uses a wheelchair",
            "she had a heart attack and is recovering in hospital",
            "i had chest pains in 2019",
            "the dog's leg looked broken but the vet says it's fine now",
        ],
    ),
    "medical_not_making_sense": (
        ["my grandad isn't making sense", "she is not making any sense and keeps falling asleep"],
        ["this letter isn't making sense", "sorry if i'm not making sense"],
    ),
    "medical_not_making_sense_elided": (
        ["she's been sick and not making any sense", "he's drowsy and confused and not making sense"],
        ["the form asks for a reference and not making sense of it", "i read it twice and not making sense"],
    ),
    "medical_swelling": (
        ["he ate a peanut and his throat is swelling up", "she's allergic to bees and her lips are swollen"],
        ["my lips are swollen from the cold weather", "her face is swollen after the dentist"],
    ),
    "fallen_cant_get_up": (
        ["my nan has fallen and can't get up", "mum's on the floor and cannot get up"],
        ["i can't get up early for work", "he can't get up the stairs since his operation"],
    ),
    "found_on_floor": (
        ["I've just found my dad on the kitchen floor", "we found her collapsed in the bathroom"],
        ["I found my keys on the floor", "my mum found him on the floor last year after a fall"],
    ),
    "head_injury": (
        ["he banged his head and now he's being sick", "she hit her head on the kerb and there's blood"],
        ["i banged my head on the cupboard door", "he hit his head in a match last month and was sick"],
    ),
    "child_swallowed": (
        ["my toddler has swallowed a button battery", "my little boy ate some of my tablets"],
        ["my son swallowed a coin when he was two", "my dog ate some chocolate"],
    ),
    "dog_attack": (
        [
            "a dog is attacking a little girl in the park",
            "the dog next door has bitten my son and won't let go",
        ],
        ["my dog was attacked by a fox last year", "a dog bit me last summer"],
    ),
    "casualty_trapped": (
        [
            "there's been a crash and the driver is trapped",
            "a car has flipped and someone is trapped inside it",
        ],
        ["I'm stuck in traffic after a crash on the A1", "we were trapped in the lift for an hour last week"],
    ),
    "casualty_unresponsive_elided": (
        ["the cyclist is on the ground and not moving", "my friend fainted and is not responding"],
        ["the traffic is at a standstill and not moving", "he hit my car and not answering my calls since"],
    ),
    "casualty_no_response": (
        [
            "my husband fell down the stairs and he's not answering me",
            "she fainted and she isn't coming round",
        ],
        ["my son is not answering his phone", "she fell out with me and won't talk to me"],
    ),
    "person_on_motorway": (
        [
            "there's a child walking along the hard shoulder of the M1",
            "a man is sitting on the railway tracks",
        ],
        ["a lorry driving on the motorway cut me up", "we were walking along the canal towpath"],
    ),
    # ---- crime, offenders, weapons --------------------------------------------------------------------
    "weapon_pointing": (
        ["he's got a gun and he's pointing it at us", "the man with the knife is waving it at people"],
        ["he's pointing at the map", "the kids were pointing it at each other, a toy, no weapon"],
    ),
    "threat_to_use": (
        ["he's got a bat and says he's going to use it on me", "he said he'd wait outside and do me in"],
        ["that'll do me for today", "he's going to use the car on monday"],
    ),
    "fire_about_to": (
        ["two lads are pouring petrol over my car", "he has got a lighter out and is by the curtains"],
        ["we were pouring petrol into the mower", "he had a lighter out for the bbq"],
    ),
    "entered_just_now": (
        ["two men have just got into the house next door", "someone has just forced their way into the shop"],
        ["I've just got into the house and found it burgled", "they got into the shed last week"],
    ),
    "climbed_in_just_now": (
        ["a man has just climbed over the back fence", "someone's just jumped over our garden wall"],
        ["a man climbed over the fence last night", "I've just climbed over the fence to get my ball back"],
    ),
    "theft_making_off_elided": (
        [
            "two lads broke into the van and are making off with the tools",
            "he grabbed my bag and is running off with it",
        ],
        ["a woman came into the shop and asked for directions", "they were friendly and waved"],
    ),
    "theft_made_off_elided": (
        [
            "a man has just snatched the till and ran off with it",
            "two lads have just come in and walked off with my bag",
        ],
        [
            "they got my car keys through the letterbox and drove off with the car",
            "he came in yesterday and walked off with a bottle",
        ],
    ),
    "assault_elided": (
        ["my dad is shouting and hitting mummy", "he's drunk and kicking the door in"],
        [
            "he was shouting and hitting her last year",
            "we were laughing and hitting balls at the range",
            "my ex keeps turning up at my house and threatening me",
        ],
    ),
    "offender_at_home_now": (
        ["and he's outside the house now", "she's at the door right now", "he's back outside now"],
        ["he's not outside the house now", "he was outside the house last night", "he's outside the house"],
    ),
    "offender_seen_at_home": (
        [
            "my ex threatened me last week and now I can see him standing in the garden",
            "he was banging on the door earlier, I can hear them at the back door",
        ],
        [
            "my ex threatened me last week, I could see him standing in the garden then",
            "I can see them in the garden next door playing football",
            "he threatened me but I can't see him in the garden now",
        ],
    ),
    "peering_in": (
        ["a man is looking through my window", "there's someone peering in at me"],
        ["I was looking through the window at the snow", "a man was looking through my window last week"],
    ),
    "being_followed_behind": (
        ["he's still behind me", "a car has been behind me for the last 15 minutes"],
        ["he was behind me in the queue yesterday", "my friend is still behind me on the leaderboard online"],
    ),
    "missing_vulnerable_adult_search": (
        [
            "my mum has dementia and went out this morning, we've searched everywhere",
            "my grandad is very confused and frail, we have looked all round the estate",
        ],
        [
            "my mum has dementia, we've searched everywhere for a good care home",
            "my dad has dementia and we looked round three care homes last year",
            "we've searched everywhere for the car keys",
            "my nan has dementia and I've looked everywhere for her glasses",
        ],
    ),
    "missing_vulnerable_adult_elided": (
        ["my dad has dementia and hasn't come home", "mum has alzheimers and went out at 6"],
        ["my dad has dementia and lives in a care home", "my husband has dementia and went out with my son"],
    ),
    # ---- safeguarding told as a story ------------------------------------------------------------------
    "being_followed_story": (
        ["a man followed me from the station last night", "I was followed round the shop by a bloke"],
        ["the police followed me for a mile and pulled me over", "someone followed me on instagram"],
    ),
    "sexual_touching": (
        [
            "a man on the bus put his hand on my thigh",
            "he grabbed my bum at the bar",
            "someone filmed me getting changed",
        ],
        ["the physio put his hand on my knee to test it", "he grabbed my arm to stop me falling"],
    ),
    "abused_by": (
        ["my old football coach abused me when i was 12", "a teacher abused him in the 90s"],
        ["my neighbour verbally abused me over the parking", "the man racially abused me"],
    ),
    "consent_ignored": (
        ["i said no and he didn't stop", "she said no but he kept going"],
        [
            "i said no but he didn't stop asking to borrow money",
            "i said no to the refund and they didn't care",
        ],
    ),
    "coercive_control": (
        ["my husband decides who i can see", "i'm not allowed my own bank account, my partner has it all"],
        ["i'm not allowed to park there, says my neighbour", "my husband decides what we have for tea lol"],
    ),
    "stalking_ex": (
        ["my ex keeps showing up at my work", "my ex always knows where i am"],
        [
            "my ex turned up at the kids' parents evening as agreed",
            "my friend always knows where the best deals are",
        ],
    ),
    "stalking_messages": (
        ["i keep getting messages from a number i don't know", "he sent texts with photos of my house"],
        [
            "my dad keeps getting scam calls from his bank",
            "i keep getting emails from the council about my bins",
        ],
    ),
    "self_harm_cutting": (
        ["i cut my arms again last night", "i keep burning my skin with a lighter"],
        ["i cut my arm on the fence", "i burnt my hand on the oven"],
    ),
    "child_neglect_signs": (
        ["the kids next door always look hungry", "the toddler is on her own late at night"],
        ["my son is hungry after football", "the kids were out late trick or treating with their dad"],
    ),
    "child_injury_signs": (
        ["my neighbour's boy always has bruises", "the little girl next door has bruises again"],
        ["my son has bruises from rugby", "she came home with a bruise from pe"],
    ),
    "child_exploitation": (
        ["a man keeps giving the kids on our estate vapes", "older lads pick my son up in a car every night"],
        ["my brother bought my son a phone", "the school gave the kids a lift home after the trip"],
    ),
    "child_adult_relationship": (
        ["my daughter is 14 and her boyfriend is 22", "she's seeing a 30 year old man and she's only 15"],
        ["my daughter is 19 and her boyfriend is 22", "my son is 14 and his girlfriend is 14"],
    ),
}

#: Patterns added to existing rules, with a case each way.
EXTENDED_CASES: dict[str, tuple[list[str], list[str]]] = {
    "weapon_present": (
        ["a man with what looks like a machete", "he's waving a broken bottle"],
        ["he was carrying what looked like a knife last year", "she's holding a bottle of wine"],
    ),
    "offender_back": (
        ["he threatened me last week and he's knocking on the door now", "my ex has just turned up again"],
        ["he threatened me last week and he's at work now", "my son has just turned up for tea"],
    ),
    "in_water": (
        ["there's a man in the river", "the tide is pulling him out"],
        ["the kids are in the lake swimming", "he fell in the river years ago"],
    ),
    "missing_child_pronoun": (
        ["my son is 9 and nobody has seen him since school"],
        ["my son is 25 and nobody has seen him since the weekend"],
    ),
    "not_breathing": (
        ["he's barely breathing", "she can't catch her breath"],
        [
            "my dad could barely breathe with covid in 2020",
            "i couldn't catch my breath after climbing the stairs last week",
        ],
    ),
    "abduction_now": (
        ["a man took my sister into his car", "a woman just grabbed a child and put him in a van"],
        [
            "a man took my sister into his car in 2019",
            "what should i do if someone tries to drag a child into a car",
        ],
    ),
    "intruder": (
        ["there's someone moving about upstairs", "there's a man in her kitchen"],
        [
            "there was someone moving about upstairs but it was my son",
            "there was a man in her kitchen last week",
        ],
    ),
    "hate_crime": (
        ["someone painted a swastika on our door", "they told us to go back to where we came from"],
        ["they told me to go back to the office", "go back to where you parked"],
    ),
}
