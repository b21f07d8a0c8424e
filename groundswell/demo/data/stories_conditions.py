"""Stories, ideas and resources about long-term conditions and disability."""

from __future__ import annotations

from groundswell.demo.data.schema import (
    ACCESS,
    ACTIVITY,
    AGEING,
    CARING,
    DISABILITY,
    FOOD,
    LONG_TERM,
    MENTAL_HEALTH,
    c,
    idea,
    resource,
    story,
)

ITEMS = [
    story(
        "pete",
        "Pulmonary rehab: eight weeks that gave me my stairs back",
        """
        I was diagnosed with COPD in 2019, after thirty years on the docks and a lot longer than that on cigarettes. By 2022 I was sleeping downstairs because I couldn't face the stairs. I'd get to the top and have to sit on the landing for five minutes, fighting for breath, thinking this was it now.

        My practice nurse kept mentioning pulmonary rehab. I kept saying no. Exercise, when I can't breathe? She must be joking.

        I finally went. Twice a week for eight weeks, in a leisure centre hall with about ten others, all of us wheezing away. A physio and a nurse ran it. We did walking, step-ups, arm exercises with little weights, and we learned how to breathe properly, which it turns out I'd been doing wrong for sixty years.

        By week four I noticed I could carry the shopping in from the car in one go. By week eight I walked up the stairs and didn't need to sit down at the top.

        It hasn't cured anything. COPD doesn't go away. But I'm back in my own bed, I walk to the shop every day, and I've made three new mates from the class who I see for a pint every other Friday.

        **If your nurse mentions rehab: say yes.** I wish I had two years earlier.
        """,
        topics=[LONG_TERM, ACTIVITY],
        place="Orchard Park",
        comments=[
            c(
                "rhys",
                "As a physio, this is the story I wish I could show every person with COPD. The breathlessness feels dangerous, but guided exercise is one of the best things for it.",
                c(
                    "pete",
                    "That's what I didn't get. I thought being out of breath meant I was damaging something.",
                    c(
                        "rhys",
                        "Really common worry. That's why the supervised classes are so good: you learn what's safe with someone watching.",
                    ),
                ),
            ),
            c("margaret", "Back in your own bed! That's the line that matters. Well done, Pete."),
            c(
                "mo",
                "Three new mates and a pint every other Friday is the bit they should put on the leaflet.",
            ),
            c(
                "lowri",
                "I'm going through something similar with long COVID rehab. Slower, but the same idea. Good to hear it works.",
            ),
        ],
    ),
    story(
        "colin",
        "Fifty-one years of type 1: from glass syringes to a sensor on my arm",
        """
        I was diagnosed at nine, in 1974. My mother boiled glass syringes on the stove and sharpened the needles on a little stone. We tested my urine in a test tube with a tablet that fizzed, and guessed the rest.

        Today I have a sensor on the back of my arm that tells my phone my glucose every few minutes, and an alarm that wakes me if I'm going low in the night. I sometimes sit and look at it and can't believe it.

        Some things haven't changed:

        - **It's still relentless.** Every meal, every walk, every cold, every stressful day changes your numbers.
        - **Hypos are still frightening**, especially in public.
        - **People still think I caused it with sweets.** I was nine.

        What I'd tell someone newly diagnosed:

        1. Find other type 1s. They'll teach you more in a week than any leaflet.
        2. Ask about the technology. Sensors and pumps aren't luxuries. Keep asking.
        3. Your numbers are information, not a school report. You'll never get them perfect.

        I'm 60 now, still climbing Arthur's Seat on a Sunday, with jelly babies in every pocket.
        """,
        topics=[LONG_TERM, AGEING],
        place="Leith",
        comments=[
            c(
                "mo",
                'Type 2 here, and I know it\'s different, but "numbers are information, not a school report" is going on my fridge.',
                c("colin", "Same goes for us all, Mo. Nobody gets gold stars for blood sugar."),
            ),
            c(
                "ali",
                "Sharpening needles on a stone! Pharmacist here, and I'm a bit in awe. Thank you for the history lesson.",
                c(
                    "colin",
                    "My mother kept that stone until she died. I've still got it in a drawer.",
                ),
            ),
            c("pete", "Jelly babies in every pocket. Legend."),
        ],
    ),
    story(
        "kirsty",
        "Spoons, pacing, and the week I ignored both",
        """
        I have fibromyalgia. It means pain most days, fatigue that sleep doesn't fix, and a brain that sometimes goes foggy in the middle of a sentence.

        The thing that helps most is pacing: doing a bit, resting before I need to, and spreading tasks across the week instead of doing everything on a good day. I know this. I tell other people this.

        Last month I had a good Monday. I felt almost normal. So I cleaned the whole flat, did a big shop, went to my niece's birthday and stayed late. On Tuesday I did a full day at work.

        By Wednesday I couldn't get out of bed. I lost the rest of the week and most of the next.

        This is called boom and bust, and I fell for it again, after seven years. I'm writing this partly as a confession and partly as a reminder to myself:

        - A good day is a day to do **a little bit more**, not everything.
        - Rest is part of the plan, not a failure of it.
        - Saying "I'll leave early" at the start of a party is easier than leaving early in the middle.

        To anyone else with an invisible condition who's just had a bust week: I see you. We start again.
        """,
        topics=[LONG_TERM, DISABILITY],
        place="Drumchapel",
        comments=[
            c(
                "lowri",
                "The good Monday trap! I do exactly this with long COVID. Every single time I think this time will be different.",
                c(
                    "kirsty",
                    "Every time. The optimism is the enemy!",
                    c("lowri", "Our brains refuse to learn. Our bodies never forget."),
                ),
            ),
            c(
                "callum",
                'Saying "I\'ll leave early" at the start is such a useful trick. Works for autistic burnout too.',
            ),
            c("maya", "Rest is part of the plan, not a failure of it. Thank you."),
        ],
    ),
    story(
        "lowri",
        "Long COVID: when the PE teacher can't climb the stairs",
        """
        I taught PE for fourteen years. I ran netball, coached cross country and did the Swansea 10k every September.

        I caught COVID in spring 2022. It was a mild illness, a bad week. Then I didn't get better. Months later I still couldn't walk to the end of the road without needing to lie down, and my heart raced when I stood up.

        The hardest part wasn't the symptoms. It was being told, by people who meant well, to "push through", "get some fresh air", "just build up slowly". I did push through, because I was a PE teacher and that's what we do. Every time, I crashed harder.

        What actually helped was a long COVID clinic, eventually, and learning that for some of us, exertion makes things worse rather than better. Now I pace with a heart rate monitor, I rest lying down in the afternoon, and I've found a gentle yoga class I can do mostly on the floor.

        I've had to grieve the person I was. I'm still doing it. But I've also found people online and locally who understand, and a new kind of patience I never had.

        "Active" means something different for me now. It still means something.
        """,
        topics=[LONG_TERM, DISABILITY, ACTIVITY],
        place="Townhill",
        comments=[
            c(
                "rhys",
                "Really important point about exertion making things worse for some people with long COVID. We've had to learn a lot as physios. Thank you for explaining it so clearly.",
                c("lowri", "Thank you. It means a lot to hear a physio say that."),
            ),
            c(
                "kirsty",
                '"Grieve the person I was" — I\'m seven years in and still doing that. It does get gentler. Sending love.',
            ),
            c(
                "wren",
                "Lying-down yoga is absolutely valid yoga. Welcome to the club of redefining active.",
            ),
        ],
    ),
    resource(
        "ali",
        "Questions to ask your pharmacist (we like being asked)",
        """
        I'm a community pharmacist. People often apologise for "bothering" us with questions. Please don't. Talking about your medicines is the best part of the job.

        Here are questions worth asking, especially if you take several medicines.

        ## When you start something new
        - What is this for, in plain words?
        - When and how should I take it? With food? What time of day?
        - What side effects are common, and which ones mean I should ring someone?
        - Does it interact with anything else I take, including things I buy myself?

        ## If you take lots of medicines
        - Could I have a **medicines review**? Sometimes things can be stopped or simplified.
        - Could my tablets come in a form that's easier to manage?

        ## If something's not right
        - I keep forgetting doses. What can help?
        - I think this is making me feel worse. What should I do? (Please don't just stop; ask first.)

        ## If there's a shortage
        - Is there an alternative? Who needs to agree to the switch?

        Come in when we're quieter (mid-morning, mid-afternoon) and we can usually find you a private space to talk.
        """,
        topics=[LONG_TERM, ACCESS],
        place="Bradford",
        comments=[
            c(
                "colin",
                "Medicines reviews should be better known. Mine got two tablets stopped that I'd been on for no good reason for years.",
                c("ali", "That happens more often than you'd think. Always worth asking."),
            ),
            c("margaret", '"Please don\'t just stop" — if I had a pound for every patient...'),
            c(
                "bronwen",
                "Our village pharmacist is the only health professional I see regularly. They're worth their weight in gold.",
            ),
        ],
    ),
    story(
        "sam",
        "The accessible toilet is not a storeroom",
        """
        A short rant, then something useful.

        In the last month, I've found accessible toilets being used to store: a mop bucket, two high chairs, a Christmas tree (in September), boxes of paper towels, and in one memorable café, a bicycle.

        When you use a wheelchair, the accessible toilet isn't a nice extra. It's the difference between being able to go out for the afternoon or not. If I can't get in and turn round, I have to leave. Some of my friends plan their whole day around where they can go to the loo. Some don't go out at all.

        ## A checklist for anyone who runs a public space

        - Is there **clear floor space** to turn a wheelchair? No bins, boxes, baby changers left down.
        - Is the **emergency cord** hanging all the way to the floor, not tied up or looped over a rail?
        - Can the **door** be opened by someone using one hand, from a seated position?
        - Is it **unlocked**, or is it clear where to get the key?
        - Is the **route** to it step-free and clear?

        It takes five minutes to check. Please check.
        """,
        topics=[DISABILITY, ACCESS],
        place="Lambeth",
        comments=[
            c(
                "wren",
                "The cord tied up over the rail! Every. Single. Time. I carry scissors now. (Joking. Mostly.)",
                c("sam", "Honestly at this point I should carry a laminated copy of this list."),
            ),
            c(
                "shirley",
                "I went and checked ours at the church hall after reading this. Cord was tied up. It isn't now. Thank you.",
                c("sam", "This is the best possible outcome. Thank you, Shirley!"),
            ),
            c(
                "ewan",
                "OT here: the cord one is a real safety issue too. If someone falls, the cord needs to be reachable from the floor.",
            ),
        ],
    ),
    story(
        "rosa",
        "Tiago's wheelchair took fourteen months",
        """
        My son Tiago is nine. He has cerebral palsy and uses a wheelchair. Children grow, so wheelchairs need replacing. His old one had been too small for over a year when his new one finally arrived.

        Fourteen months. In that time, he had pressure sores from the old chair. He couldn't sit properly at his desk at school. His back got worse. He missed two school trips because the old chair didn't fit in the minibus clamps.

        I rang the wheelchair service every two weeks. I emailed. I went through our MP in the end, which I'm not proud of needing to do, but it was what finally moved things.

        What I learned:

        - **Write everything down.** Dates, names, what they said.
        - **Ask for the waiting list position and the reason for the delay**, in writing.
        - **Get the school and the physio to write letters** about the impact. It carries weight.
        - **Link up with other parents.** I found out from another mum that the service had a complaints route I'd never been told about.

        Tiago loves his new chair. It's bright blue and very fast. But no nine-year-old should spend a year in pain waiting for one.
        """,
        topics=[CARING, DISABILITY, ACCESS],
        place="Stockwell",
        comments=[
            c(
                "aisha",
                "Write everything down. I have a folder for Yusuf that's three inches thick. It's the only thing that gets anything done.",
                c(
                    "rosa",
                    "The folder! Every parent carer has the folder.",
                    c("aisha", "We should have a folder support group. We'd bring our folders."),
                ),
            ),
            c("sam", "Bright blue and very fast is the correct kind of wheelchair. Hi, Tiago."),
            c(
                "ewan",
                "I'm sorry it took so long. Writing letters about impact really does help; please keep doing it.",
            ),
        ],
    ),
    resource(
        "aisha",
        "Additional learning needs in Wales: a parent's map",
        """
        When Yusuf started school, I had no idea how support for children with additional needs worked in Wales. I'm writing this so other parents don't have to start from nothing. I'm a parent, not a lawyer, so please check details with your school or local authority.

        ## The words you'll hear

        - **ALN:** Additional Learning Needs. Wales uses this term now.
        - **IDP:** Individual Development Plan. A written plan of what your child needs and what support they'll get.
        - **ALNCo:** the Additional Learning Needs Co-ordinator at the school. Your first stop.

        ## How it usually starts

        1. You, the school or a health professional raise a concern.
        2. The school decides whether your child has ALN.
        3. If they do, an IDP is written, and you and your child should be involved.

        ## What I wish I'd known

        - **You can ask for a meeting.** You don't have to wait for them to call you.
        - **Bring someone with you.** A friend, a family member, or an advocate.
        - **Your child's voice counts.** Even if they're non-speaking, like Yusuf, there are ways to include what they like and what helps them.
        - **Put important requests in writing**, and keep copies.

        There are parent groups and advocacy services who can help. Ask the ALNCo, your health visitor or your local carers' centre where yours is.
        """,
        topics=[DISABILITY, ACCESS],
        place="Wales",
        comments=[
            c(
                "rosa",
                "This would have saved me months (in England, but still). Parents teaching parents is how it really works.",
                c("aisha", "It really is. The system's map is never the same as the real map."),
            ),
            c(
                "nia",
                "Sharing this with my cousin in Porthmadog, she's just starting with her little one.",
            ),
            c(
                "callum",
                '"Even if they\'re non-speaking, there are ways to include what they like." Thank you for saying this.',
                c(
                    "aisha",
                    "Yusuf has very strong opinions about trains and the colour yellow. They're in his plan.",
                ),
            ),
        ],
    ),
    idea(
        "wren",
        "A working hoist at every public pool, and staff who know how to use it",
        """
        Swimming is the one form of exercise where my body doesn't hurt. In the water, I'm free.

        Getting into the water is another story. Most of the pools I've tried in Bristol either have no hoist, have a hoist that's broken, or have a hoist and no staff on shift who know how to use it. I've sat at the poolside in my costume while three lifeguards read the instructions. I've been told "it's been out of order for a while".

        **The idea** is simple:

        1. Every public pool should have a working pool hoist, checked weekly like the other safety equipment.
        2. Every lifeguard shift should include at least one person trained to use it.
        3. The pool's website should say whether the hoist is working today.

        Three small things, and a lot of disabled people could swim again. I'd love to hear from anyone who works in leisure centres about what gets in the way, so we can ask for the right thing.
        """,
        topics=[DISABILITY, ACTIVITY, ACCESS],
        place="Bristol",
        comments=[
            c(
                "sam",
                '"Whether the hoist is working today" on the website is such a simple, brilliant ask. I\'d back a campaign on this.',
                c("wren", "Let's do it. London and Bristol, double act."),
            ),
            c(
                "rhys",
                "I've worked with our local leisure centre on this. Training goes out of date when staff change, which is often. A short refresher every few months works better than one big course.",
                c("wren", "That's really useful, thank you. I'll add it to the ask."),
            ),
            c("lowri", "Swimming is the one thing I can still do too. Backing this."),
        ],
    ),
    resource(
        "ewan",
        "Small changes at home that prevent big falls",
        """
        I'm an occupational therapist. Much of my job is helping people stay safely in their own homes. Falls are one of the biggest reasons older people lose their independence, and many can be prevented with small, cheap changes.

        ## Lighting
        - Put a **night light** between the bedroom and the toilet.
        - Make sure the **stairs are lit** top and bottom, with switches at both ends.

        ## Floors
        - **Rugs and mats** are the classic trip hazard. Remove them or fix them down.
        - Keep **cables** along the walls, not across walkways.

        ## Bathroom
        - A **grab rail** by the toilet and in the bath or shower makes a big difference. Towel rails are not grab rails; they can come off the wall.
        - A **non-slip mat** inside the bath.

        ## You
        - Get your **eyes tested** regularly.
        - Ask your GP or pharmacist to check whether any **medicines** make you dizzy.
        - Wear **well-fitting slippers** with a back. Not the floppy ones.
        - Keep active. Strength and balance exercises really do reduce falls.

        You can ask your council or GP for an **OT assessment** if you're worried. We can also advise on equipment, much of which is free.
        """,
        topics=[AGEING, DISABILITY],
        place="Dundee City",
        comments=[
            c(
                "margaret",
                '"Towel rails are not grab rails." Every nurse has seen what happens when someone finds that out the hard way.',
                c("ewan", "It's one of the first things I look for on a home visit."),
            ),
            c(
                "fatima",
                "The floppy slippers! I've been trying to get Mum out of hers for two years.",
            ),
            c(
                "harjit",
                "We'll print this for our Wednesday group. Many of the members live alone.",
                c(
                    "ewan",
                    "Please do. And well done on the chair exercises; strength and balance work is exactly what helps.",
                ),
            ),
        ],
    ),
    story(
        "nia",
        "Crohn's disease and my mental map of every toilet in town",
        """
        I've had Crohn's since I was sixteen. Most people who meet me have no idea. I look fine. That's both the best and the worst thing about it.

        What nobody sees is the planning. Before I go anywhere, I know where the toilets are. I know which cafés will let you use theirs without buying something, which ones have a code on the door, which ones are "out of order" more often than not. I've turned down jobs because the office was on a floor with one toilet for forty people.

        During a flare it's worse. I've missed weddings. I've pretended to be hungover rather than explain.

        Things that have helped:

        - A **card I carry** explaining I have a medical condition and need urgent access to a toilet. Most shops are kind when they see it.
        - Telling **one person at work**. Just one. She covers for me when I have to disappear.
        - An **IBD nurse** I can email directly. She has been a lifeline.

        I'm using a pseudonym because I'm still not ready for everyone I know to read about my bowels. But I wanted to put it somewhere, for anyone who's also quietly mapping every toilet in town.
        """,
        topics=[LONG_TERM, DISABILITY],
        place="Wales",
        identity="pseudonym",
        pseudonym="Mynydd",
        comments=[
            c(
                "kirsty",
                'Invisible conditions club. "You look fine" is the most exhausting compliment there is.',
                c("callum", "Hear, hear."),
            ),
            c(
                "sam",
                "Everyone deserves to know where the loo is. Cafés that make you buy something first: please stop.",
            ),
            c(
                "ali",
                "Specialist nurses really are a lifeline. If anyone reading doesn't have a direct contact for theirs, it's worth asking your hospital team.",
                c("colin", "Same with diabetes nurses. Best people in the NHS."),
            ),
        ],
    ),
    idea(
        "callum",
        "Let us book GP appointments by text, not only by phone",
        """
        For many autistic people, and plenty of others, ringing the GP surgery at 8am is one of the hardest things you can ask us to do.

        You're on hold in a queue. Then you get through to someone who needs quick answers about something private, while you're processing what they've just said. Then you're told to ring back tomorrow. So we don't ring, and small problems become big ones.

        **The idea:** every practice should offer a written way to ask for an appointment that works as well as the phone. Not instead of the phone; some people need that. Alongside it.

        What "works as well" means:

        - Same-day requests get the same chance as phone calls.
        - A short form, in plain language, that doesn't time out.
        - A reply that says what happens next and when.
        - A way to note on my record that I need written communication, so I'm not ambushed with calls.

        Some practices already do this well. I'd love to hear from anyone in Glasgow whose surgery does, and from staff about what makes it hard.
        """,
        topics=[DISABILITY, ACCESS, MENTAL_HEALTH],
        place="Glasgow City",
        comments=[
            c(
                "dev",
                "GP here. Our practice moved to an online form alongside the phone last year. It took work, but the biggest surprise was how many older patients used it too.",
                c(
                    "callum",
                    "That's really encouraging. Did it make the phone queue shorter as well?",
                    c(
                        "dev",
                        "A bit, yes. And the calls we do get are usually the ones that need a conversation.",
                    ),
                ),
            ),
            c(
                "maya",
                'A note on my record saying "written communication please" would change my life.',
            ),
            c(
                "rachel",
                "Rural side: online forms help us too, because people can write in the evening instead of driving in.",
            ),
        ],
    ),
    story(
        "mo",
        "Type 2 diabetes at 44: what changed and what didn't",
        """
        I drive a taxi. I sit down for ten or eleven hours a day, I eat whatever I can grab between jobs, and for years I thought I was fine because I wasn't overweight in the way you see on the telly.

        I went to the GP about being thirsty all the time and needing to get up in the night. A blood test later, I had type 2 diabetes.

        I was angry first, then scared. My dad had it and lost two toes.

        What changed:

        - I bring food from home most days. My wife and I worked out lunches I can eat in the cab: wraps, boiled eggs, nuts, fruit.
        - I park a ten-minute walk from the rank and walk in. Twice a day that's forty minutes I wasn't doing before.
        - I went on a diabetes education course run by the NHS. I nearly didn't go. It was brilliant, and the other lads there were just like me.
        - I take my tablets properly, not when I remember.

        What didn't change: I still love my mum's biryani and I still eat it on a Friday. Just a smaller plate.

        My last check-up, my numbers were much better. The nurse said keep going. So I'm keeping going.
        """,
        topics=[LONG_TERM, FOOD, ACTIVITY],
        place="Poplar",
        comments=[
            c(
                "colin",
                "Smaller plate, not no plate. That's the wisdom right there. Well done, Mo.",
                c("mo", "Cheers Colin. Fifty-one years, you're the master."),
            ),
            c(
                "ali",
                "The education courses are so underused. Thank you for recommending it.",
                c("mo", "I only went because my wife booked it and wouldn't let me off."),
            ),
            c(
                "tomasz",
                "Parking ten minutes away and walking in is such a good idea. Doing it at the warehouse from Monday.",
            ),
            c("dylan", "Lunches in the cab! If you want some more ideas for cheap wraps, shout."),
        ],
    ),
]
