"""Long messages in the public's own style, for the rule layer alone (``test_stories.py``).

Written for issue #8 item 5 *before* changing any rule, in a different style from
``safety_cases.py``: 2-6 sentence stories, past-tense accounts with street names and times,
text-speak, children's phrasing, answers typed to the assistant's own questions. Places and
names are invented. These texts are evaluation: a failure is fixed by a general cue, gate or
segmentation rule, never by copying a text (or a piece of one) into a rule table.

The few sentences quoted in the issues themselves are kept apart in ``ISSUE_EXAMPLES``.
"""

from __future__ import annotations

#: Danger now, told at the end (or in the middle) of a story. (text, expected concern or None)
STORY_EMERGENCIES: list[tuple[str, str | None]] = [
    (
        "Hi, bit of background first. My neighbour and I fell out over the hedge back in June and it's "
        "been frosty since. About half an hour ago he came round shouting and I shut the door on him, and "
        "he's outside the house now kicking the bins over and screaming that he'll do me.",
        None,
    ),
    (
        "we got back from my sisters at about 10 and the back door was wide open, the telly's gone and "
        "theres someone moving about upstairs",
        "offender_present",
    ),
    (
        "I'm writing from my car. Someone keyed my car last week at Morrisons and I reported it online. "
        "Today the same man has just walked up to my window and is banging on it and shouting, I've locked "
        "the doors.",
        None,
    ),
    (
        "So this started as an argument over parking at the school gates. The dad from the other car got "
        "out and now he's got a wrench in his hand and he's walking towards my car",
        "weapon",
    ),
    (
        "Me and my mate were walking back from the chippy on Albert Road when these 3 lads started on us. "
        "My mate got hit over the head with a bottle and he's bleeding loads and a bit dizzy",
        "injury",
    ),
    (
        "my ex turned up at 2am hammering on the door. i didnt let him in. he's still out there sat in his "
        "car watching the house",
        "offender_present",
    ),
    (
        "There's been an accident on the roundabout by Tesco Extra, two cars, one of the drivers is "
        "trapped and not responding",
        None,
    ),
    (
        "Not sure if this is the right place but a lorry has shed its load across both lanes of the A14 "
        "near junction 22 and cars are swerving round it",
        None,
    ),
    (
        "I live above the launderette on Station Parade. Smoke is coming up through the floorboards and "
        "the alarm's going off downstairs",
        "fire",
    ),
    (
        "My daughter is 7, we were in Primark and I turned round and she was gone. Staff are looking but "
        "it's been 15 minutes and I can't find her anywhere",
        "missing_child",
    ),
    (
        "Mum has dementia and she's gone out of the house in just her nightie, it's freezing, we've "
        "looked up and down the street",
        "missing_person",
    ),
    (
        "I'm on the 52 bus and a man at the back keeps flicking a blade open and shut and staring at people",
        "weapon",
    ),
    (
        "Been hearing banging for a while and now next door's window has just come through onto our drive "
        "and a woman is screaming help",
        None,
    ),
    (
        "lads on scramblers riding round the park where kids are playing, one just hit a little boy and "
        "hes lying on the grass crying",
        None,
    ),
    (
        "Sorry for the long message. Last Christmas my brother in law threatened me with a knife at a "
        "family do and it was dealt with. He's just turned up at my door again drunk and says he's going "
        "to use it on me this time",
        None,
    ),
    (
        "Some kids set fire to the wheelie bins on Greenway last week and the council never cleared it. "
        "Tonight they're back and the fire's spreading to the fence of number 12",
        "fire",
    ),
    (
        "We were out for a walk on the coast path and my husband slipped down the rocks, he's at the "
        "bottom and not answering me",
        None,
    ),
    (
        "Hi there, I run the corner shop on Dale Street. Had trouble with shoplifters for months. Right "
        "now theres a lad behind the counter with his hand in the till and my staff member is too scared "
        "to move",
        None,
    ),
    (
        "i was on my way home from work and a car has been behind me for the last 20 minutes taking every "
        "turn i take. im nearly home and i dont want to lead him to my house",
        None,
    ),
    (
        "Just witnessed a hit and run on Kings Road, the cyclist is on the ground and not moving, the car "
        "went towards the town centre",
        "not_breathing",
    ),
    (
        "My brother's been drinking all day and just got in his van to go to the offy, he can barely stand",
        "dangerous_driving",
    ),
    (
        "someone has been trying every door on our road, I watched him on the doorbell cam last night. "
        "He's back right now, in a grey hoodie, trying next door's car",
        None,
    ),
    (
        "My flatmate told me earlier she wanted to die and now she's locked herself in the bathroom and "
        "won't answer, I can hear the tap running",
        None,
    ),
    (
        "i'm at the bus station, a group of girls have just robbed my little sister's phone and one of "
        "them has got her by the hair",
        None,
    ),
    (
        "Morning. I reported a burglary at our unit on the industrial estate in May, ref on the email. "
        "I've just pulled in and the shutter is up again and there are two men inside loading pallets "
        "into a transit",
        None,
    ),
    (
        "Long story short my ex isn't allowed near me, there's an order. He was sat outside in his car "
        "when I got in from work, and he's knocking on the back door now",
        "offender_present",
    ),
    (
        "My son came home from football and his mate had been jumped on the way. The mate is in our "
        "kitchen now and he's been stabbed in the leg, it won't stop bleeding",
        "injury",
    ),
    (
        "there was a crash outside mine a few minutes ago, a motorbike and a car. the lad off the bike is "
        "lying in the road and hes not getting up",
        "injury",
    ),
    (
        "I rang 101 about the drug dealing on Pitt Street last month and nothing happened. Now theres a "
        "proper fight going on outside the flats, about ten of them, one has a bat",
        None,
    ),
    (
        "Evening, this is about the house that was empty for ages on Brook Lane. The new people moved in "
        "on Saturday and just now I heard a massive bang and the front of it is on fire",
        "fire",
    ),
    (
        "dont know if im overreacting but a man followed me off the train and hes still behind me on "
        "Hawthorn Road, ive crossed twice and so has he",
        None,
    ),
    (
        "My dad, who is 84 and has Alzheimer's, went out for his paper at 8 this morning and hasn't come "
        "back. It's dark now and his phone is on the side",
        "missing_person",
    ),
    (
        "Last week somebody slashed all four tyres on my car. Tonight I can see the same lad from my "
        "window, he's crouched by my car with something in his hand",
        None,
    ),
    (
        "I work at the garage on Fenton Road and we had a drive off on Monday. The same car has just come "
        "back and the driver is threatening my colleague with a hammer",
        "weapon",
    ),
    (
        "hiya so my partners been kicking off all night. he threw a plate at me earlier which i ducked. "
        "now hes saying hes going to kill me and the kids and hes blocking the front door",
        "threat_to_life",
    ),
    (
        "Walking the dog by the reservoir, there's a kid who went through the ice trying to get a ball "
        "and he's shouting, he can't get out",
        "threat_to_life",
    ),
    (
        "There's a car on the M6 southbound near J10 going the wrong way up the hard shoulder, it's "
        "dark and people are flashing it",
        "dangerous_driving",
    ),
    (
        "Our son Alfie is 4. He was playing in the front garden and the gate was open. We've looked up "
        "and down the road and in all the neighbours gardens and we cant find him",
        "missing_child",
    ),
    (
        "So I had a few drinks with the lads and when I went to leave a man I don't know said something "
        "about my girlfriend. He's now outside the pub waiting for me with a knife, my mates saw it",
        "weapon",
    ),
    (
        "The flat upstairs has been leaking for a week and the landlord won't do anything. Now the "
        "ceiling's sparking and there's smoke coming out of the light fitting",
        "fire",
    ),
]

#: A medical emergency in plain words: 999 with the ambulance line (the concern must be one the
#: ambulance line is shown for).
MEDICAL: list[str] = [
    "my husband's gone grey and sweaty and says his chest really hurts",
    "mum suddenly can't lift her left arm and she's talking gibberish",
    "my little girl has swallowed something and she's gagging and going red",
    "my friend took something at the party and now she's shaking and her eyes are rolling back",
    "the old man next door is on his kitchen floor, I can see him through the window and he's not moving",
    "my son is diabetic and he's really drowsy and confused and not making sense",
    "granddad's fallen down the stairs and there's blood coming from his head",
    "he's breathing really weird and we cant get him to open his eyes",
    "he's cut his leg open on the fence and it's gushing",
    "my wife has collapsed in the garden",
    "my mate's gone blue and isn't answering",
    "my nan's on the floor and can't get up, she's been there all night",
    "my brother's having a bad asthma attack and his inhaler isn't working",
    "my husband is having a seizure and it won't stop",
    "she fainted and banged her head and now she's not making sense",
    "my dad is unconscious on the sofa and I can't wake him",
    "I think my mum's had a stroke",
    "a man just collapsed outside the bakery on Fore Street",
    "theres an old lady lying at the bottom of the steps by the library and she cant move",
    "my boyfriend's allergic to nuts and he's eaten something and his throat is swelling up",
    "my aunt has been sick loads and now she's really floppy and we can't wake her properly",
    "Sorry to bother you. My neighbour Pat is in her 80s. I popped round with her shopping and found "
    "her on the hall floor, she's awake but very cold and confused and can't tell me what day it is",
    "we were at the lido and a man was pulled out of the water and he isnt breathing, someone is doing cpr",
    "my dad is choking on his food and he can't get it up",
    "i think my flatmate has overdosed, she's barely breathing",
    "my grandma has a really bad pain in her chest and her arm has gone numb",
]

#: Children's phrasing. (text, expected concern or None)
CHILDREN: list[tuple[str, str | None]] = [
    ("mummy is on the floor and she wont talk to me", None),
    ("help my daddy is shouting and hitting mummy and she is crying", "in_progress"),
    ("im 8 and my mum fell over and theres lots of blood", "injury"),
    ("there is a man in our house and i am hiding under my bed", "offender_present"),
    ("my brother is not breathing properly and his face is funny", "not_breathing"),
    ("my grandma is asleep and she wont wake up and she is cold", "not_breathing"),
    ("mummys boyfriend is hitting her with a belt", "in_progress"),
    ("the house is full of smoke and i cant find my mum", "fire"),
    ("i am scared there is a man at the window looking in at me", None),
    ("my baby sister fell in the pond", "threat_to_life"),
    ("daddys car crashed and daddy has blood on his head", "injury"),
    ("i am home alone and someone is trying to open the door", "in_progress"),
    ("mummy took lots of tablets and she is very sleepy", None),
    ("my nanny fell down the stairs and she is not moving", "not_breathing"),
    ("a big man is hurting my mum please come", None),
    ("my dad wont wake up and there is sick on the pillow", "not_breathing"),
    ("my mummy is poorly and she is not waking up", "not_breathing"),
    ("i am 7 and my mum is having a fit on the kitchen floor", "injury"),
]

#: Past events told as history (and current reports with nothing dangerous now): not 999.
PAST_STORIES: list[str] = [
    "I'd pulled away from the lights on Victoria Road and was doing about 25 when a woman in a Fiesta "
    "came out of a side road and went straight into my passenger door. Nobody was hurt but she drove off "
    "before I could get her details.",
    "My shed got broken into over the weekend, they cut the padlock and took the strimmer and two bikes. "
    "Found it Monday morning.",
    "Back in March there was a fire in the bin store of our flats and the fire brigade came. I'm writing "
    "because the insurance company wants a reference.",
    "My son was assaulted outside the kebab shop on Saturday night, he had a cut lip and a black eye but "
    "he's fine now. The lads who did it go to his old school.",
    "Someone smashed my car window on Friday night while it was parked on Elm Grove and took my sat nav. "
    "I only noticed in the morning.",
    "Had a minor bump in the Asda car park yesterday, the other driver reversed into me. We swapped "
    "details and no one was hurt.",
    "Three weeks ago I was knocked off my bike by a van on London Road. I broke my wrist and was in A&E "
    "for hours. The driver stopped but gave me a fake number.",
    "Last night about 11 I heard glass smashing and when I looked out someone had put a brick through "
    "the bus shelter. They'd gone by the time I got my shoes on.",
    "A man was waving a knife around outside the Co-op on Sunday afternoon, I think he was drunk. The "
    "police came and took him away. I've got some video if that helps.",
    "My car was stolen from outside my house overnight. Its a silver Astra, I've got the reg.",
    "Got mugged walking back from the station on Tuesday evening, two lads on bikes grabbed my bag. Not "
    "hurt just shook up.",
    "we were burgled while we were on holiday in august. the police came but nothing happened. i've just "
    "found some of my jewellery for sale on facebook marketplace.",
    "There was a big fight outside the Red Lion on Saturday, someone got glassed. I saw it all and want "
    "to give a statement.",
    "Someone drove into my garden wall in the night and drove off, there are bits of bumper all over the "
    "drive.",
    "A few months back a gang of lads set my wheelie bin on fire, and it happened again last night. Just a "
    "melted bin and scorch marks on the fence this time.",
    "I was driving on the M5 on Sunday and a lorry drifted into my lane and clipped my mirror. I had to "
    "brake hard. He carried on driving.",
    "On Monday my neighbour's dog bit my son on the hand, it needed stitches. The dog is always getting out.",
    "My friend had a seizure in town last week and someone stole her handbag while she was on the floor. "
    "Can we report that?",
    "Someone tried to break into my car last night, the lock is all damaged and the alarm went off about "
    "3am. They didn't get in.",
    "Earlier today a kid on a scooter knocked my nan over on the pavement and didn't stop. She's bruised "
    "but ok.",
    "It was about 9pm yesterday and I was walking the dog when I saw two men fighting in the alley behind "
    "the chippy. It was over in a minute and they ran off.",
    "When we came back from the shops the front door had been forced and the place was turned upside "
    "down. They've taken laptops and my mums rings. Police have been and gone.",
    "My car got keyed on the school run this morning, there's a long scratch down the drivers side.",
    "I had a car crash on Friday, the other driver was on her phone. I was a bit shaken and my neck's "
    "been sore since.",
    "I was coming down Hill Street at about 30 when a lad on an electric scooter shot out between two "
    "parked cars and I clipped him. He got up and rode off before I could check on him.",
    "So on the 3rd I was parked outside the dentist and when I came out someone had reversed into my "
    "front wing and left no note. Theres paint on it so it must be a red car.",
    "My dad collapsed at his allotment in the summer and while the ambulance was there someone nicked his "
    "tools from the shed. He's recovered now. Is it too late to report the theft?",
    "Some lads kicked my front door in back in October looking for the bloke who used to live here. I "
    "had it fixed but I never reported it and I'm worried they'll come back.",
    "my bike got nicked from outside the gym on thursday, they cut through the lock. its a blue carrera.",
    "Earlier this evening I was driving along the ring road and a car undertook me at what must have "
    "been 80 and nearly took my front off. I got the reg. I'm home now.",
    "I saw on the local Facebook group that there was a stabbing on Regent Street last night. My son "
    "walks that way, is it safe?",
    "My mum was knocked down by a car on a zebra crossing on Tuesday, she broke her hip and she's in the "
    "Royal. The driver stopped. What happens now?",
    "Last summer a man with a gun robbed the bookies I work at. I've been asked to go to court and I'm "
    "nervous, what happens there?",
    "Someone set fire to the recycling bin outside our block overnight. The fire brigade put it out and "
    "its just a black mark on the wall now.",
    "Yesterday afternoon I got into an argument with another driver at the lights and he got out and "
    "punched my window. I drove off. I'd like to report it.",
    "There was a burglary on our road last week, the old lady at 14. Nobody was in. I've got doorbell "
    "footage of two men walking past at 3am if that's any use.",
    "My husband fell off a ladder at work last month and broke his leg, the company are saying it was "
    "his fault. Is that a police matter?",
    "a car hit me on my bike on the way to school on monday. i only grazed my knee and the man said sorry "
    "and drove off. my mum says i should tell you",
]

#: Threats and weapons told as history: not 999 (a report, or a person for safeguarding).
PAST_THREATS: list[str] = [
    "A man threatened me with a screwdriver at the cash point last month, I gave him twenty quid and he "
    "went. I never reported it but it's been on my mind.",
    "My neighbour said he'd stab me during an argument over the fence back in September. Nothing's "
    "happened since but I want it on record.",
    "Back in the summer a group of lads threatened to set my house on fire because I told them to stop "
    "riding on my lawn. It's gone quiet.",
    "Last year my landlord threatened to break my legs if I didn't pay the rent. I've moved out now.",
    "He threatened to kill me when I left him in 2021 but I've moved away and he doesn't know where I live.",
    "someone put a knife to my throat on the bus a few weeks ago and took my phone. ive only just felt "
    "able to report it",
    "a lad at the skatepark pulled a blade on my son on saturday and took his trainers. my son is ok just "
    "upset",
    "I was held up at knifepoint outside my flat about a month ago. Im ok now, but I've just seen one of "
    "them on the news for something else.",
    "On Friday night a bloke outside the kebab shop said he was going to kill me because I looked at his "
    "girlfriend. I walked off and he didn't follow. I'm fine.",
    "my ex used to threaten to kill me all the time when we were together. were not together now and i "
    "havent seen him for a year",
    "Two weeks ago a man got a gun out in the car park at Halfords and pointed it at my van. It might "
    "have been fake. I got his reg.",
]

#: Answers typed to the assistant's own safety questions, on their own: not an emergency.
ANSWERS_NOT_NOW: list[str] = [
    "no he left about an hour ago",
    "nobody was hurt thank god",
    "no its all clear now, the police already came",
    "not anymore, they drove off",
    "no, the road's clear",
    "just a bit of whiplash, my neck is sore",
    "no one's in danger, it was last night",
    "no they ran off towards the park",
    "my knee's a bit cut but im fine",
    "no im safe now hes not here",
    "not now no",
    "no, hes not here anymore, he left before i got home",
    "minor, just bruises",
    "no danger now, they've gone",
    "no the lorry has been moved onto the verge",
    "a small cut on my hand from the glass, nothing serious",
    "no, the fire was put out ages ago",
    "not any more he's been arrested",
    "no were fine now, he's driven off",
    "no they're long gone",
]

#: Answers (or asides) mid-form that are danger now: 999.
ANSWERS_DANGER: list[str] = [
    "yes he's still outside",
    "actually he's back now and he's got a bat",
    "yes she's still bleeding",
    "wait theyre back and theyre trying the door again",
    "no but hes outside again right now shouting",
    "sorry he's come back with his mates and they're kicking the door",
    "yes my friend's not breathing properly",
]

#: Safeguarding in story form (not danger now). (text, expected concern)
STORY_SAFEGUARDING: list[tuple[str, str]] = [
    (
        "Walking back from the station last night a man followed me for about fifteen minutes, crossing "
        "whenever I crossed. I went into a shop and he waited outside. I got home ok but I'm shaken.",
        "stalking",
    ),
    (
        "I was followed round Sainsbury's for ages by a bloke who kept standing right behind me in every "
        "aisle and then he followed me out to the car park",
        "stalking",
    ),
    (
        "On the 38 bus this morning a man sat next to me and kept pressing his leg against mine and then "
        "put his hand on my thigh. I moved seats and got off early.",
        "sexual_offence",
    ),
    (
        "on the tube home a guy rubbed himself against me in the crowd, I froze and didnt say anything",
        "sexual_offence",
    ),
    (
        "a man on the train kept touching my bum when it was busy and pretended it was an accident",
        "sexual_offence",
    ),
    (
        "My husband checks my phone every night and decides who I'm allowed to see. He has all the bank "
        "cards and gives me £20 a week. I don't know if this is something the police deal with.",
        "domestic_abuse",
    ),
    (
        "my boyfriend makes me send him photos of where i am all the time and goes mad if i see my mates. "
        "he's never hit me but im scared of him",
        "domestic_abuse",
    ),
    (
        "My partner won't let me have a key to our own house and he takes my wages off me every month",
        "domestic_abuse",
    ),
    (
        "my wife tracks my location and reads all my messages, she says if I leave she'll make sure I "
        "never see the kids",
        "domestic_abuse",
    ),
    (
        "I'm worried about the little boy next door, he's about 5 and he's often out in the street on his "
        "own late at night with no coat. I hear a lot of shouting and he always seems hungry.",
        "child_at_risk",
    ),
    (
        "The kids across the road are left on their own for days, the oldest is maybe 10 and she's "
        "looking after the baby. Mum's boyfriend comes and goes.",
        "child_at_risk",
    ),
    (
        "my neighbours daughter has bruises on her arms again and she flinches when her dad shouts",
        "child_at_risk",
    ),
    (
        "there's a man in his 40s on our estate who keeps giving the 13 year old girls vapes and lifts in "
        "his car",
        "child_at_risk",
    ),
    (
        "The lads at the bus stop shouted at me to go back to where I came from and one spat at me. It "
        "happens nearly every week because I wear a headscarf.",
        "hate_crime",
    ),
    ("Someone has painted a swastika on the synagogue wall on Park Road overnight", "hate_crime"),
    (
        "Me and my boyfriend were called names and shoved in the street on Saturday just because we were "
        "holding hands, two men, they said we were disgusting",
        "hate_crime",
    ),
    (
        "Our neighbour keeps shouting abuse about my wife being Polish and has put dog mess through the "
        "letterbox.",
        "hate_crime",
    ),
    (
        "I've been feeling like everyone would be better off without me for months. I haven't done "
        "anything but I think about it a lot.",
        "self_harm",
    ),
    (
        "Something happened at a party in the summer with a guy from my course. I said no and he didn't "
        "stop. I've never told anyone.",
        "sexual_offence",
    ),
    (
        "My ex keeps turning up at my work and leaving notes on my car even though I've blocked him "
        "everywhere",
        "stalking",
    ),
    (
        "The men who work at the car wash on Union Street live in a room above it, they never seem to "
        "leave, and the boss keeps their passports",
        "trafficking",
    ),
    (
        "My 14 year old has been going missing overnight and coming back with new trainers and two "
        "phones, older lads pick him up in a car",
        "child_at_risk",
    ),
    (
        "He pushed me down the stairs last year and I told everyone I fell. He's being nice at the "
        "moment but I know it'll start again.",
        "domestic_abuse",
    ),
    (
        "For the past few weeks the same man has been waiting at the bus stop when I finish my shift and "
        "he gets on my bus every time, last night he got off at my stop too",
        "stalking",
    ),
    (
        "At the festival on Sunday a man in the crowd grabbed me between the legs and laughed about it "
        "with his mates",
        "sexual_offence",
    ),
    (
        "My daughter is 12 and I found messages on her phone from a man who says he's 16 but the photos "
        "look older, he keeps asking her to delete the chats",
        "child_at_risk",
    ),
    (
        "My mum's new partner has taken over her bank account and she isn't allowed to go out without "
        "him. She's frightened to say anything",
        "domestic_abuse",
    ),
    (
        "a group of teenagers shout the n word at my son every day on his way home and last week one "
        "pushed him off his bike",
        "hate_crime",
    ),
]

#: Ordinary reports and questions: neither an emergency nor safeguarding.
ORDINARY: list[str] = [
    "Someone keeps parking across my drive on Oak Street, it's happened every morning this week.",
    "My neighbour's kids keep kicking their football into my garden and flattening my plants",
    "There are teenagers hanging about behind the school after hours, smoking and leaving litter",
    "I'm being followed on Instagram by loads of spam accounts, can you do anything?",
    "A man at the door selling dusters was really pushy and wouldn't go until I shut the door on him.",
    "The people next door have parties every weekend till 4am and the music is unbearable",
    "I want to report a lad selling weed from a car outside the park every afternoon",
    "My husband's car was broken into at work yesterday, they took his gym bag",
    "my dad hit a parked car reversing out of the drive, what does he need to do",
    "my wife got a speeding ticket in my car, who do I name on the form?",
    "My son's bike was stolen from the school bike shed, it's a red Raleigh",
    "We had our tools stolen from the van on a building site in Lowther Street",
    "My mum keeps ringing me about the parking fine she got at the hospital",
    "I think the man at number 9 is running a car repair business from his garage, vans all night",
    "Local lads race up and down Marsh Road every Friday night, it's only a matter of time",
    "Someone has sprayed graffiti tags all over the bus shelter again",
    "someone has been going through the recycling bins on our street at night",
    "A van clipped my wing mirror on the high street yesterday and carried on, I have the registration",
    "Is it true that speed cameras on the A30 are switched off at night?",
    "I got a letter from a private parking company saying I owe £100 for staying 10 minutes too long",
    "my brother borrowed my car and got flashed by a camera, its in my name, what happens",
    "There's been a car parked on our street for three weeks with no tax, I think it's abandoned",
    "My daughter lost her purse on the bus, has anyone handed it in?",
    "I'd like to pass on some information about a house on Carter Street where people come and go all "
    "night, I think they're dealing",
]

#: Sentences quoted in the issues themselves (#8 item 5, #10 item 3). (text, must be emergency?)
ISSUE_EXAMPLES: list[tuple[str, bool]] = [
    ("was doing 20 mph when a man in a BMW pulled out", False),
    ("and he's outside the house now", True),
    ("two young men have just entered the house and walked off with my handbag", True),
    ("there's blood everywhere", True),
    ("she's having a fit", True),
    ("he's not waking up", True),
    ("my nan fell and can't get up and isn't making sense", True),
    ("a man is hurting my mummy", True),
    ("daddy won't wake up", True),
    ("a lad pulled a knife on me two weeks ago, im ok now", False),
    ("no not right now he's gone", False),
    ("no the cars are off the road now", False),
    ("just a graze on my elbow", False),
    ("he's come back and he's smashing the window", True),
]


# ---- written after the rule changes, to measure them on unseen text (first figures in the README) ----

#: Danger now, in a story. (text, expected concern or None)
FRESH_EMERGENCIES: list[tuple[str, str | None]] = [
    (
        "Hiya, long time listener first time caller lol. Our neighbour's son has been in and out of prison "
        "for years. About ten minutes ago he kicked their front door off its hinges and he's inside now "
        "and she's screaming",
        None,
    ),
    (
        "So me and the kids were at the swings on Gorse Hill Rec, normal Sunday. A man has just walked "
        "over and is waving a broken bottle at the mums and shouting about his ex",
        "weapon",
    ),
    (
        "i was walking home from college and these 2 lads on a moped snatched my phone. one of them has "
        "come back round and hes circling me on the bike right now",
        None,
    ),
    (
        "Sorry if this is silly. My husband went to bed with a headache and now I can't wake him properly, "
        "he's making a snoring noise and his eyes won't open",
        None,
    ),
    (
        "Evening. I'm on the top deck of the 17 going into town and two lads have started on an old man, "
        "one's punching him in the head and nobody is doing anything",
        "in_progress",
    ),
    (
        "We had a new fence put up in April which the neighbour hated. Tonight he's out there with a saw "
        "cutting through it and when I went out he shoved me over",
        None,
    ),
    (
        "my little brother is 6 and he ate some of mums tablets off the side, he says his tummy hurts and "
        "he is really sleepy",
        None,
    ),
    (
        "Just been to see my nan in her flat on Wood Lane and the gas rings are on full with nothing on "
        "them and theres a smell of burning coming from the bedroom, she's confused and wont leave",
        None,
    ),
    (
        "It's my ex again. He kept driving past all afternoon and now he's parked across my drive and "
        "won't let me out, he's revving the engine and shouting he'll run me over",
        None,
    ),
    (
        "me and my mate found a woman on the path by the canal, shes soaking wet and shivering and not "
        "really talking, we think she came out of the water",
        None,
    ),
    (
        "I'm on the M62 westbound, just past junction 26. There is a child sat on the hard shoulder on "
        "her own next to a broken down car and no adults anywhere",
        None,
    ),
    (
        "Hello, I'm 10 and my dad has fallen off the ladder in the garden and his leg looks wrong and he "
        "is shouting",
        "injury",
    ),
    (
        "Last month someone broke into the church hall and stole the tea urn. I'm the caretaker and there "
        "are three people inside right now with torches, the door's been jemmied",
        None,
    ),
    (
        "we are on the beach at Sandy Bay and my son has gone out too far on his bodyboard, the tide is "
        "pulling him out and he's waving",
        None,
    ),
    (
        "The lad upstairs has been shouting about killing himself all evening and now it's gone silent and "
        "there's water coming through my ceiling",
        None,
    ),
    (
        "my friend has just been knocked off her bike by a van on Queens Road and she's lying in the road "
        "holding her neck",
        "injury",
    ),
    (
        "Hi, this is about the bloke who exposed himself to my daughter last week, I reported it. He is "
        "stood outside her school gates right now watching the kids come out",
        None,
    ),
    (
        "A dog has got loose from the travellers site and it's gone for a woman with a pram on Mill Road, "
        "it's still got hold of her arm",
        None,
    ),
]

#: Medical, plain words (the ambulance line must show).
FRESH_MEDICAL: list[str] = [
    "my mum has gone really pale and sweaty and is clutching her chest",
    "my husband is diabetic and he's shaking and sweating and not making any sense",
    "the old man at the bus stop has fallen over and banged his head, there's loads of blood",
    "she took a load of pills about an hour ago and now she's being sick and drowsy",
    "my daughter is having an allergic reaction, her lips have swollen up and she's wheezing",
    "granny just slumped in her chair and she won't answer me",
    "my son hit his head on the trampoline and now he keeps being sick and is really sleepy",
    "a man has collapsed in the queue at the post office on Bridge Street",
]

#: Children's phrasing.
FRESH_CHILDREN: list[str] = [
    "mummy fell asleep on the floor and i cant wake her up",
    "daddy is hurting mummy and she is screaming",
    "theres a fire in the kitchen and mummy is asleep",
    "a man took my sister into his car",
    "my grandad is on the floor and his eyes are shut and he wont talk",
    "please help theres a man in the garden with a knife and mummy is at work",
]

#: Past events and settled answers: not 999.
FRESH_NOT_NOW: list[str] = [
    "Back in January I was glassed outside a club in Leeds. I needed stitches but I'm fine now and I'd "
    "like to know what happened with the case.",
    "My son was knocked off his bike on Tuesday, he had a few grazes and the driver stopped. Do we need "
    "to report it?",
    "Years ago my dad collapsed while driving and hit a lamp post. Is there a register of dangerous "
    "bends on the A59?",
    "On Saturday night someone set fire to the bins behind the Spar. The fire brigade came and it's all "
    "cleaned up now. I've got some doorbell footage.",
    "A lad threatened me with a knife outside the bookies last summer and took my wallet. He's been "
    "sentenced now, I just want my wallet back if it was found.",
    "no, he's long gone, drove off about twenty minutes ago",
    "no nobody's hurt, just a dent in the bumper",
    "we're all ok now thanks, the man has gone",
    "just a bit shaken, my wrist is sore but its not broken",
    "no, the dog's been taken away by its owner",
    "The lady at number 4 fell in her garden last week and lay there for an hour before anyone heard. "
    "She's ok now but could the police do welfare checks?",
    "I was followed home once years ago and ever since I carry my keys between my fingers. Is that "
    "classed as a weapon?",
]

#: Safeguarding in story form.
FRESH_SAFEGUARDING: list[tuple[str, str]] = [
    (
        "My girlfriend reads all my texts and if I don't answer within five minutes she turns up at my "
        "work. She's hit me twice this year. I'm a bloke, I didn't think this happened to men",
        "domestic_abuse",
    ),
    (
        "On the last train home a man sat opposite and stared at me the whole way and then put his hand "
        "on my knee and wouldn't move it",
        "sexual_offence",
    ),
    (
        "The two little ones next door are out in the garden in the rain for hours without coats and I've "
        "never once seen their mum come out to them",
        "child_at_risk",
    ),
    (
        "someone keeps putting leaflets through our door saying muslims aren't welcome on this street",
        "hate_crime",
    ),
    (
        "My brother moved in with an older man he met online and now he's not allowed to see us, his phone "
        "is taken off him and he's lost loads of weight",
        "domestic_abuse",
    ),
    (
        "I keep getting messages from an account I don't know with photos of my house. It started after I "
        "split up with my ex in the summer",
        "stalking",
    ),
    (
        "For the last month a man in a grey car has been outside the school gates every afternoon "
        "photographing the children",
        "child_at_risk",
    ),
    (
        "i dont see the point in anything anymore and ive been thinking about ending it but i havent got a "
        "plan",
        "self_harm",
    ),
]

#: Ordinary reports that must not hit anything.
FRESH_ORDINARY: list[str] = [
    "My dad keeps getting scam calls from people saying they're from his bank, can you stop them?",
    "Some lads keep kicking a ball against my garage door every evening, it's driving me mad",
    "I'm worried about my elderly neighbour because she hasn't collected her milk for two days, but "
    "her lights are on and I can hear the telly",
    "Somebody keeps parking in the disabled bay outside the chemist without a badge",
    "My husband and I had a row about the parking ticket he got in my car, who pays it?",
    "The kids next door are always out on their scooters till late, it's noisy but they're fine",
    "I found a wallet on the bus with cards in it, where do I hand it in?",
    "My son got a knife crime talk at school today and wants to know if a penknife is legal",
]


# ---- a second fresh set, written after round 2 and measured once before any further change ----

FRESH2_EMERGENCIES: list[tuple[str, str | None]] = [
    (
        "Hi there. I'm in the Tesco car park on Shore Road. A man has just smashed the window of a car "
        "with a dog inside and is trying to pull the dog out, the owner has come back and they're "
        "fighting now",
        None,
    ),
    (
        "I think someone's been hurt outside, I heard a massive bang and a scream and now there's a man "
        "lying face down by the bus shelter not moving",
        None,
    ),
    (
        "Sorry my English not good. Man in my shop he take money from till and he hit my wife, he still "
        "in the shop now",
        None,
    ),
    (
        "My 82 year old mum lives alone and she rang me in a state saying there's a man in her kitchen "
        "who says he's from the water board and won't leave",
        None,
    ),
    (
        "our daughter is 3 and she's gone a horrible blue colour and is floppy, she was fine this morning",
        None,
    ),
    (
        "Lads on quad bikes on the playing field again, but this time one has flipped it and he's trapped "
        "under it screaming",
        None,
    ),
    (
        "He keeps ringing me from a withheld number saying he's outside and I can see his car at the end "
        "of my road now",
        None,
    ),
    (
        "There's a bloke on the railway line by the level crossing on Station Road just walking along the "
        "tracks and a train is due",
        None,
    ),
    (
        "My boyfriend has locked me in the bedroom and taken my phone, I'm on my laptop. He's downstairs "
        "smashing things",
        None,
    ),
    (
        "my mate fell off the wall at the back of the pub and landed on his head, he's awake but he can't "
        "feel his legs",
        None,
    ),
    (
        "Hello, last week I reported my neighbour for threatening me. He has just thrown a brick through "
        "my front window and is standing in the street shouting",
        None,
    ),
    (
        "someone is banging on my door at 3am shouting my name and trying the handle, i live alone",
        None,
    ),
]
FRESH2_MEDICAL: list[str] = [
    "my grandad has gone all confused and his face looks funny on one side",
    "my flatmate is having a really bad panic and now she's saying her chest hurts and she can't get her "
    "breath",
    "a woman has fainted on the train and isn't coming round",
    "my little boy has a temperature and now he's fitting",
    "my dad's fallen in the shower and there's blood everywhere and he's not answering",
]
FRESH2_CHILDREN: list[str] = [
    "my mum is lying on the kitchen floor and she wont wake up",
    "theres a man hitting my brother and my brother is bleeding",
    "i am hiding in the cupboard because daddy is angry and smashing things",
    "my nanny is breathing funny and wont open her eyes",
]
FRESH2_NOT_NOW: list[str] = [
    "I was mugged at knifepoint on the Thursday before Christmas. I'm fine now. Has anyone been caught?",
    "My son came off his scooter on Monday and broke his arm, a car clipped him but didn't stop.",
    "A few weeks ago there was a man exposing himself in the park, is he still being looked for?",
    "no theyve gone now, ran off down the alley",
    "nah hes not here anymore, the police took him",
    "nobody was hurt, both cars were drivable",
    "My house was burgled while I was in hospital last month, they took my telly and my late husband's "
    "watch.",
    "Last night a drunk man was shouting in the street for about an hour, he's gone now.",
    "Someone crashed into a lamp post outside ours in the early hours and the council have fixed it.",
    "He threatened to stab me in a text in 2022 and got a restraining order, it's all been quiet since.",
]
FRESH2_SAFEGUARDING: list[tuple[str, str]] = [
    (
        "I'm 17 and my dad controls everything, he takes my wages from my part time job and I'm not "
        "allowed friends round. When I argue he pins me against the wall",
        "domestic_abuse",
    ),
    (
        "a man on the bus home from school keeps sitting next to me and asking for my snapchat and where I "
        "live, I'm 14",
        "child_at_risk",
    ),
    (
        "At the bar last night a man kept putting his hand on my bum even after I told him to stop",
        "sexual_offence",
    ),
    (
        "Someone spray painted a racist slur across the front of my dad's takeaway overnight",
        "hate_crime",
    ),
    (
        "I think the lads at the car wash are being kept there, they sleep in the back room and the boss "
        "shouts at them all the time and they look terrified",
        "trafficking",
    ),
    (
        "My ex has been showing up at the school gates when I pick the kids up, even though he's not "
        "supposed to know which school they go to",
        "stalking",
    ),
]
FRESH2_ORDINARY: list[str] = [
    "There's a car that's been parked on the pavement outside my house for a week, it's blocking prams",
    "my neighbours tree is hanging over my fence and he won't cut it back",
    "Someone keeps stealing our recycling box, is that even a crime?",
    "I got a fixed penalty for doing 36 in a 30, can I do a course instead?",
    "Our kids' school has asked parents to stop parking on the zig zags, can you enforce it?",
    "I was knocked off my bike two years ago and the insurance still hasn't paid out",
]


# ---- a third fresh set, written after all the rule changes: measured once, never tuned on ----

FRESH3_EMERGENCIES: list[str] = [
    "Right, so I'm on the night bus (N29) and there's a lad at the back who's just pulled a blade on "
    "the driver because he wouldn't let him on without paying. We're stopped by the Odeon",
    "my neighbour has been drinking all day and he's now on his roof threatening to jump, his kids are "
    "in the garden crying",
    "Evening, I manage the Spar on Hill Road. Two masked men came in five minutes ago, one's holding "
    "the till girl by the arm and the other is emptying the cigarettes into a bag",
    "we've just come home to find the back door smashed and we can hear someone in the loft",
    "I'm at the swimming baths and a little girl has been pulled out of the deep end, she's not "
    "breathing and the lifeguard is doing CPR",
    "my brother in law has turned up drunk waving a hammer and smashing the car windscreens on our drive",
    "help my mum has been stabbed in the kitchen by her boyfriend, he has run off",
    "There's black smoke pouring out of the flats on Ravens Road and I can hear people shouting from "
    "the top windows",
    "i've been walking for 20 mins and this van has been crawling behind me the whole way, it's still "
    "there with its lights off",
    "my dad has gone out on his mobility scooter in the snow and he's got dementia, it's been 3 hours",
    "a woman is lying in the middle of Kings Road, she got hit by a car and the driver has gone",
    "my friend took some pills at the festival and now she's fitting on the ground",
    "Grandad is making a funny gurgling noise and his lips are blue",
    "He's grabbed my daughter and put her in his car and is driving off, it's a black Golf",
]
FRESH3_NOT_NOW: list[str] = [
    "A couple of years ago I was stabbed in the leg outside a club. I've moved on, but I'd like to know "
    "if I'm entitled to compensation.",
    "On Wednesday a van reversed into my car in the Lidl car park, nobody hurt, but he didn't leave a note.",
    "My husband had a heart attack in March and while he was in hospital someone stole his car from the "
    "drive.",
    "no, she's fine now, the paramedics have checked her over",
    "nah, it was last week, he hasn't been back since",
    "no injuries, just a smashed wing mirror",
    "There was a fire in the garages behind our road on bonfire night, kids probably. All out now.",
    "Someone pulled a knife in the school playground last term, my son saw it. The school dealt with "
    "it. Should we have called you?",
]
FRESH3_SAFEGUARDING: list[tuple[str, str]] = [
    (
        "My partner tells me I'm useless every day and has cut me off from my family, I have to ask him "
        "for money for food",
        "domestic_abuse",
    ),
    (
        "On my way to work a man exposed himself to me on the towpath by the canal this morning",
        "sexual_offence",
    ),
    (
        "My 13 year old has been getting messages on Instagram from a grown man asking to meet her",
        "child_at_risk",
    ),
    (
        "The people in the flat downstairs leave their toddler alone for hours, I can hear him crying and "
        "nobody comes",
        "child_at_risk",
    ),
    (
        "My neighbour shouts racist abuse at my children whenever they play outside",
        "hate_crime",
    ),
    (
        "A man from my old work keeps turning up outside my house and sending me flowers even though "
        "I've told him to stop",
        "stalking",
    ),
    (
        "I feel like I can't go on anymore, everyone would be better off if I wasn't here",
        "self_harm",
    ),
    (
        "The women working in the massage place on Bridge St never seem to leave and a man collects them "
        "in a van every night",
        "trafficking",
    ),
]
FRESH3_ORDINARY: list[str] = [
    "Someone keeps letting their dog foul outside the school gates and never picks it up",
    "My neighbour keeps parking his van so it blocks my light, can the police do anything?",
    "My son's phone was stolen from his bag in PE, the school says to contact you",
    "I'd like to report a car that's been abandoned on our road for months with flat tyres",
    "My wife wants to know if she can get her speeding points taken off after 3 years",
    "Is it legal to fly a drone over the park on Saturday mornings?",
]
