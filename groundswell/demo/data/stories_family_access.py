"""Stories, ideas and resources about maternity, early years and getting access to services."""

from __future__ import annotations

from groundswell.demo.data.schema import (
    ACCESS,
    CONNECTION,
    DISABILITY,
    FOOD,
    MATERNITY,
    MENTAL_HEALTH,
    c,
    idea,
    resource,
    story,
)

ITEMS = [
    story(
        "priya",
        "The 4am feeds nobody warns you about",
        """
        Everyone told me I'd be tired. Nobody told me about 4am.

        4am is when the house is silent and the street lights are orange and I'm sitting in the nursing chair with a baby who will not settle, scrolling my phone with one thumb, convinced every other mother in the world is asleep and coping.

        My daughter is four months old now. I love her so much it scares me. I also spent a lot of the first eight weeks crying at 4am, wondering if I'd made a terrible mistake.

        What got me through:

        - **A WhatsApp group** of mums from my antenatal class. At 4am, someone was always awake. "Anyone else up?" "Yep." That was enough.
        - **My health visitor**, who sat in my kitchen and asked how *I* was, and waited for the real answer.
        - **Lowering the bar.** Clean baby, fed baby, fed me. Everything else could wait.
        - **My mum**, who came every Tuesday and sent me to bed.

        It's getting better. She sleeps a bit longer now. I'm writing this at 4am, actually, but I'm smiling.

        If you're up right now with a baby who won't settle: you're not the only one. We're all out here with our orange street lights.
        """,
        topics=[MATERNITY, MENTAL_HEALTH],
        place="Birmingham",
        comments=[
            c(
                "nicola",
                "The orange street lights. I can still see them from my window years later. You're doing brilliantly.",
                c(
                    "priya",
                    "Thank you. Does the 4am feeling ever fully go away?",
                    c(
                        "nicola",
                        "The 4am feeds do. The love that scares you doesn't, and you get used to it.",
                    ),
                ),
            ),
            c("lucy", "Anyone else up? Yep. Two of them, in my case. Solidarity, Priya."),
            c(
                "farah",
                "Health visitor here. Thank you for saying what helped. And if the crying ever feels like more than tiredness, please tell your health visitor or GP. We're here for that too.",
                c("priya", "I will. She was so good about it."),
            ),
        ],
    ),
    story(
        "nicola",
        "It wasn't the baby blues",
        """
        With my first, I had the baby blues. A few teary days, then I was fine. So when I had my second and started feeling low, I thought it was the same and it would pass.

        It didn't pass. By three months I felt nothing for my son. Not love, not anger, just a flat, grey nothing. I fed him, changed him, smiled for the health visitor. Inside, I was convinced he'd be better off with someone else. I had thoughts that frightened me.

        I didn't tell anyone, because I was terrified they'd take him away.

        My sister noticed. She sat me down and asked straight out. I told her everything. She rang the GP with me, that day.

        What happened next was nothing like what I'd feared. Nobody took my son. The GP listened. I was referred to a perinatal mental health team, who saw me within a couple of weeks. I had talking therapy and, for a while, medication that was safe while breastfeeding.

        It took about six months to feel like me again. Now my son is four and I adore him, and I volunteer with a peer support group for mums going through the same thing.

        **Postnatal depression is common and treatable. Telling someone won't get your baby taken away. It'll get you help.**
        """,
        topics=[MATERNITY, MENTAL_HEALTH],
        place="City of Edinburgh",
        audience="members",
        comments=[
            c(
                "priya",
                "I needed to read the last line. Thank you for being so honest.",
                c(
                    "nicola",
                    "Any time. If the 4am crying ever feels heavier than tiredness, you know where I am.",
                ),
            ),
            c(
                "leah",
                "Midwife here. The fear of having your baby taken away stops so many women asking for help. Thank you for addressing it head on.",
                c(
                    "nicola",
                    "It's the first thing I tell mums in our group. It's the thing everyone's thinking.",
                ),
            ),
            c(
                "gwen",
                "Your sister asking straight out. Another flask-of-tea sister. Glad you're well.",
            ),
            c(
                "moderator",
                "Thank you, Nicola. This post is set to members only, which is a good choice for something this personal.",
            ),
        ],
    ),
    resource(
        "leah",
        "What to bring to your booking appointment with the midwife",
        """
        Your booking appointment is usually your first proper appointment with a midwife, often when you're somewhere between 8 and 12 weeks pregnant. It's long, it's full of questions, and many people come out wishing they'd prepared. Here's a community midwife's list.

        ## Bring
        - Your **GP details** and **NHS number** if you have it.
        - A list of **any medicines** you take, including vitamins.
        - Dates of **previous pregnancies**, including miscarriages and terminations, if you're comfortable sharing. It's confidential and it matters.
        - Any **health conditions** in you, your partner or your families.
        - **Questions.** Write them down. You won't remember in the room.

        ## Tell us
        - If you **need an interpreter**. We should provide a professional one.
        - If you have a **disability** or need anything adjusting.
        - If you're **worried about anything at home**. We always ask to see you on your own for part of the appointment, and that's why.
        - If you've had **mental health difficulties**, now or in the past.

        ## Ask us
        - Who do I contact if I'm worried, day or night?
        - What scans and tests will I be offered, and when?
        - Are there antenatal classes, and in which languages?

        There are no silly questions. We've heard them all, and we'd rather you asked.
        """,
        topics=[MATERNITY, ACCESS],
        place="Hackney",
        comments=[
            c(
                "lucy",
                '"Who do I contact if I\'m worried, day or night" should be on the front of every maternity notes folder.',
                c(
                    "leah",
                    "It should! Most units do have a triage line now, but people often aren't told clearly enough.",
                ),
            ),
            c(
                "fatima",
                "Thank you for saying you should provide a professional interpreter. More people need to hear it from midwives.",
            ),
            c(
                "yasmin",
                "Sharing this at our baby bank. So many first-time mums tell us they didn't know what to expect.",
            ),
        ],
    ),
    story(
        "lucy",
        "Forty minutes to the labour ward",
        """
        I live in Camborne. With my first baby, the midwife-led unit nearby was an option. With my second, there were complications, so I needed to give birth at the main hospital, about forty minutes away on a good day.

        Forty minutes is fine when you're planning. It's not fine when your waters go at 2am, your first labour was quick, and your partner has to wake a neighbour to sit with your toddler.

        We made it with about half an hour to spare. I spent most of the journey on all fours on the back seat, shouting directions at my husband that he didn't need because he'd practised the route three times.

        Things I'd tell anyone living rurally:

        - **Make a plan for other children** well in advance. Two neighbours, both with keys, both happy to be woken.
        - **Practise the route**, at night, and know where you'd park.
        - **Ring triage early.** They told me to come in sooner than I'd have gone myself, because of the distance and my first labour.
        - **Ask about the plan if you can't get there in time.** Nobody likes talking about it, but knowing what happens made me calmer.

        We've got a healthy, loud baby girl. And my husband is now very, very good at that road.
        """,
        topics=[MATERNITY, ACCESS],
        place="Cornwall",
        comments=[
            c(
                "leah",
                "Ringing triage early is so important when you're far away. Good on you for making a plan.",
                c("lucy", "The triage midwife was brilliant. Calm voice, clear instructions."),
            ),
            c(
                "bronwen",
                "Rural life! My sister had the same drive in Gwynedd. She still talks about the sheep in the road at 3am.",
                c("lucy", "Ha! We had a fox. Not quite as much of an obstacle."),
            ),
            c(
                "rachel",
                "From a rural GP: thank you for writing this. Distance is a health issue and we don't say it enough.",
            ),
        ],
    ),
    story(
        "rosa",
        "Nobody sends a card for a miscarriage",
        """
        Last spring I lost a pregnancy at eleven weeks. We hadn't told anyone yet except my sister. So when it happened, almost nobody knew, and I went back to work two days later and pretended it hadn't.

        The hospital staff were kind but busy. I was given a leaflet and sent home. At home, there was nothing. No cards, no flowers, no casseroles. The world carried on exactly as before, and I felt like I was going mad, grieving someone nobody else had known.

        What helped, eventually:

        - **Telling a few people.** I was amazed how many women said "me too". A colleague I'd worked with for six years. My aunt. My best friend's mum.
        - **A support line** run by a pregnancy loss charity. I rang it twice in the middle of the night.
        - **Giving the baby a place.** We planted a small tree in the garden. It sounds silly, but I talk to it sometimes.
        - **My partner and I talking about it**, even though we grieved very differently.

        I'm posting this anonymously and only to members, because it still feels raw. But if you've been through this in silence, I want you to know that your grief is real, whatever week it happened.
        """,
        topics=[MATERNITY, MENTAL_HEALTH],
        place="England",
        identity="anonymous",
        audience="members",
        comments=[
            c(
                "leah",
                "Your grief is real. I'm so sorry. As a midwife I wish we had more time to sit with people at that moment; a leaflet isn't enough.",
            ),
            c(
                "nicola",
                "Me too. Two years ago, ten weeks. Nobody sent a card for mine either. Thinking of you and your tree.",
                c("priya", "Sending love to you both. Thank you for talking about it."),
            ),
            c(
                "moderator",
                "Thank you for sharing something so personal. The members-only setting means this won't appear to anyone who isn't signed in.",
            ),
        ],
    ),
    resource(
        "farah",
        "Starting solid food without the stress: a health visitor's notes",
        """
        I'm a health visitor in Bradford. Starting solid food (weaning) is one of the things parents worry about most. Here are the notes I find myself giving again and again. Always follow the advice of your own health visitor or GP, especially if your baby was premature or has health conditions.

        ## When
        - Around **six months** is the usual time to start. Signs your baby is ready include sitting up with support, holding their head steady, and bringing food to their mouth.

        ## What
        - Start with **single vegetables and fruits**, soft and mashed or as finger food: carrot, broccoli, sweet potato, banana, avocado.
        - Introduce **common allergens** one at a time, as your health visitor advises: egg, peanut (smooth, not whole nuts), wheat, fish, dairy in cooking.
        - **No salt, no added sugar, no honey** before one year.
        - Family food is fine once it's soft enough and not salty: dal, rice, mashed curry without the chilli, pasta.

        ## How
        - **Always stay with your baby** while they eat. Gagging is normal as they learn; choking is silent, and you should learn what to do.
        - Expect **mess**. Lots. That's learning.
        - **Little and often.** Milk is still their main food for a while.

        Most of all: enjoy it. Eat together when you can. Babies learn by watching you.
        """,
        topics=[MATERNITY, FOOD],
        place="Manningham",
        comments=[
            c(
                "priya",
                "Dal without the chilli! My mum will be so pleased, she's been dying to feed her dal.",
                c("farah", "Grandmothers are the best weaning teams. Just go easy on the salt."),
            ),
            c(
                "joy",
                "Could you do a session at our cooking club on this? Our parents ask about weaning every week.",
                c(
                    "farah",
                    "I'd love to. I'm in Bradford but I know colleagues in Newham who'd come. I'll put you in touch.",
                    c("joy", "Perfect. Thank you!"),
                ),
            ),
            c("dylan", "Mess is learning. My kitchen ceiling from 2016 agrees."),
        ],
    ),
    story(
        "dev",
        "What a GP hears at 8am",
        """
        I've been a GP in Leeds for twelve years. I want to share what 8am looks like from the inside, because I think patients and practices misunderstand each other about it.

        At 8am, our phone lines open. Within about four minutes, there are more people in the queue than we have same-day appointments. Our receptionists, who are some of the hardest-working and most-shouted-at people in the NHS, have to make very quick decisions about who needs to be seen today.

        From your side, I know it feels like a lottery. You set an alarm, you redial forty times, and you're told to ring back tomorrow. That is genuinely awful, and I'm sorry.

        Some things that help us help you:

        - **If you can, use the online form.** It frees up the phone for people who can only phone.
        - **Tell the receptionist what's going on.** They're not being nosy; they're trying to get you to the right person. It might be the pharmacist, the nurse or the physio rather than me, and that's often quicker and better.
        - **Ask about routine appointments in advance** for things that can wait a week or two.

        And from us, I think we owe you honesty. If we can't see you today, we should tell you clearly what to do instead.
        """,
        topics=[ACCESS],
        place="Harehills",
        comments=[
            c(
                "margaret",
                "Thank you for writing this, Doctor. I'll be kinder to the receptionist next time. She's probably had forty people shouting at her already.",
                c("dev", "Thank you, Margaret. They'd appreciate it more than you know."),
            ),
            c(
                "callum",
                "The online form is a lifeline for me. Please keep them, and please keep them open past 8:05.",
                c(
                    "dev",
                    "Fair point. Ours closes when same-day slots run out, which has the same problem. I'll raise it.",
                    c("callum", "Thank you. Genuinely."),
                ),
            ),
            c(
                "amara",
                "After a night shift, ringing at 8am on no sleep is its own special kind of torture. The form has helped me a lot.",
            ),
            c(
                "rachel",
                "The honesty bit. Yes. People can handle a 'no' far better than being left not knowing.",
            ),
        ],
    ),
    idea(
        "dev",
        "Let patients write the first paragraph of their own referral letter",
        """
        When I refer someone to a hospital specialist, I write a letter. It says what I think is going on, what tests have been done, and what I'd like the specialist to consider. What it often misses is the person.

        **The idea:** before I send a referral, the patient writes a short paragraph, in their own words, that goes at the top of the letter. Something like:

        - What's going on for me, and how it's affecting my life.
        - What I'm most worried about.
        - What matters most to me from this appointment.
        - Anything that would help me at the appointment (an interpreter, a quiet space, a longer slot, someone with me).

        The patient can write it at home, on paper or online, or we can write it together in the appointment. It would be optional.

        I think it would make the first hospital appointment much better. The specialist would walk in knowing what matters to the person, not just what their blood tests say.

        I'd love to hear what patients think, and whether anyone's seen this done. Would you want to do it? What would stop you?
        """,
        topics=[ACCESS],
        place="Leeds",
        comments=[
            c(
                "maya",
                'Yes. A thousand times yes. "Anything that would help me at the appointment" alone would save me so much distress.',
                c("dev", "That's the bit I was most hoping people would say that about."),
            ),
            c(
                "colin",
                "I'd want to do it. Fifty years of specialists reading my numbers and not asking how I'm doing.",
                c(
                    "margaret",
                    "I'd have loved this when I was on the wards. The best nurses always read the patient's own words first.",
                ),
            ),
            c(
                "fatima",
                "Could it be written in the patient's own language and translated? Mum has a lot to say, in Sylheti.",
                c("dev", "Really important point. Yes, I think it should be possible. Adding it."),
            ),
        ],
    ),
    resource(
        "moderator",
        "Sharing safely here: pseudonyms, anonymous posts and members only",
        """
        I'm one of the volunteer moderators. People often ask how to share something personal without everyone knowing it's them. Here's how the options work, in plain words.

        ## Who can see it
        - **Everyone:** anyone on the internet can read it, including people who aren't signed in.
        - **Members only:** only people who are signed in to Groundswell can read it. It won't show up for visitors or in search engines.

        ## How you're shown
        - **As yourself:** your display name, linked to your profile.
        - **Under a pseudonym:** a name you choose, for example "Still Counting Days". It isn't linked to your profile, and it doesn't appear on your profile page.
        - **Anonymously:** shown as "Anonymous member".

        ## What moderators can see
        To keep the community safe, moderators can see who wrote a post. Every time we look, it's recorded. We only look when we need to, for example if a post is reported.

        ## Things to think about
        - Details like your street, your job or your child's school can identify you even under a pseudonym.
        - You can **edit or withdraw** a post at any time. Withdrawing takes it down straight away.
        - If you're not sure, start with members only. You can always open it up later.
        """,
        topics=[ACCESS],
        place=None,
        comments=[
            c(
                "kirsty",
                "Really helpful. I didn't know that pseudonymous posts don't show on your profile. That makes me much more comfortable.",
                c("moderator", "That's exactly why it works that way. Glad it helps."),
            ),
            c(
                "sam",
                "Good to know moderator access is logged. That's the kind of thing that builds trust.",
                c("moderator", "We think so too. Being trusted with this is a responsibility."),
            ),
            c(
                "danny",
                "The bit about small details identifying you is a good shout. Easy to forget.",
            ),
        ],
    ),
    story(
        "joy",
        "Birth trauma, and deciding to have another baby",
        """
        My first birth was frightening. It went from calm to emergency very fast, and I was rushed to theatre with nobody explaining what was happening. My daughter was fine. I wasn't, for a long time.

        For two years afterwards, I had flashbacks. The smell of hand gel could set me off. I avoided the road the hospital is on. I told everyone I was fine because she was healthy, and what right did I have to complain?

        Then I got pregnant again. I was terrified.

        What changed things was a **birth reflections** appointment, where a senior midwife went through my notes with me and explained, step by step, what had happened and why. I cried for an hour. Then, for the first time, it started to make sense.

        After that, I was referred for trauma-focused therapy, and my midwife and I wrote a **birth plan** that took my history seriously: a named midwife, a tour of the theatre in advance, and an agreement that someone would explain everything out loud as it happened.

        My second birth wasn't perfect. But I felt safe, and I felt heard.

        I'm using a pseudonym because some of my family don't know how much I struggled, but if you're carrying a birth that still haunts you, please know that help exists.
        """,
        topics=[MATERNITY, MENTAL_HEALTH],
        place="London",
        identity="pseudonym",
        pseudonym="Second Time Round",
        comments=[
            c(
                "leah",
                "Birth reflection appointments can be so healing, and so few people know to ask. Thank you for writing about it.",
                c("nicola", "I'd never heard of them. Sharing with our peer group."),
            ),
            c(
                "priya",
                "\"What right did I have to complain\" — I've been thinking that about my birth too. Maybe I'll ask about a reflections appointment.",
                c(
                    "leah",
                    "Please do, Priya. Any birth that stays with you is worth talking through.",
                ),
            ),
            c(
                "gwen",
                "Feeling safe and feeling heard. That's what we all want from care. So glad you found it.",
            ),
        ],
    ),
    idea(
        "leah",
        "Antenatal classes in the languages people actually speak",
        """
        In the part of east London where I work, women speak dozens of languages. Our antenatal classes run in English, on weekday evenings. You can guess who comes.

        The women who miss out are often the ones who would benefit most: new to the country, without family nearby, unsure how the NHS works, and anxious about birth in a system they don't know.

        **The idea:** a rolling programme of antenatal classes run in community languages, starting with the three or four most spoken locally.

        - Run **by midwives with trained community interpreters**, or by bilingual midwives where we have them.
        - Held in **community venues** people already go to: a mosque hall, a church, a children's centre, a library.
        - At **times that work**, including daytime for people who work evenings and shifts.
        - **Partners and family welcome**, because in many families the mother-in-law is as important as the partner.

        I think we could pilot it with two languages next year. I'd love to hear from people in Newham and beyond: which languages, which venues, and what would make you come?
        """,
        topics=[MATERNITY, ACCESS],
        place="Newham",
        comments=[
            c(
                "fatima",
                "Bengali and Sylheti, please. And the mother-in-law point is so true. Mum would have come with my sister-in-law.",
                c("leah", "Noted, both. The mother-in-law point comes up every time I ask people."),
            ),
            c(
                "joy",
                "Our stay-and-play room is free on Thursday mornings. Happy to host.",
                c(
                    "leah",
                    "That's brilliant, thank you. I'll be in touch.",
                    c("joy", "Bring biscuits and you'll never get rid of us."),
                ),
            ),
            c("yasmin", "We'd love to try this in Leeds too. Please share how it goes."),
        ],
    ),
    story(
        "kwame",
        "Helping my neighbour with her PIP form",
        """
        My neighbour Mrs A is 61. She has severe arthritis, diabetes, and since last year, heart failure. She can barely manage the stairs to her flat. She'd been told she might be entitled to Personal Independence Payment (PIP), which helps with the extra costs of a long-term condition or disability.

        The form arrived. She looked at it and cried. It's long, the questions are strange, and they seemed designed to make her feel like she was lying.

        So we sat at her kitchen table, over four evenings, and did it together. Things we learned:

        - **Describe your worst days**, and how often they happen. Not your best ones.
        - **Say what you can't do safely, reliably and in a reasonable time**, not just whether you can do it at all. She *can* make a cup of tea. It takes twenty minutes and she has to sit down twice.
        - **Include evidence**: letters from the GP, the heart failure nurse, the pharmacist.
        - **Keep copies of everything**, and send it by a way you can track.
        - **Get help.** Citizens Advice and local welfare rights services do this every day.

        She got an award. She cried again, for a different reason. But nobody should have to go through that form alone.
        """,
        topics=[ACCESS, DISABILITY],
        place="Kirkdale",
        comments=[
            c(
                "sam",
                '"Safely, reliably and in a reasonable time" is the key phrase and most people never hear it. Thank you.',
                c("kwame", "It changed how she answered every question."),
            ),
            c(
                "kirsty",
                "Describing your worst days felt like lying to me at first, because I'm so used to saying I'm fine. It isn't lying. It's the truth that nobody sees.",
                c(
                    "kwame",
                    "Exactly that. The truth nobody sees.",
                    c(
                        "aisha",
                        "Same with forms for Yusuf. Writing the worst day is heartbreaking, but it's real.",
                    ),
                ),
            ),
            c(
                "organiser",
                "Kwame, could you do a session on this at our next listening event? So many people are stuck on these forms.",
            ),
        ],
    ),
    idea(
        "organiser",
        "A listening event: what would make Levenshulme healthier?",
        """
        I'm organising a listening event in Levenshulme next month, and I'd love your help shaping it.

        The question is simple: **what would make Levenshulme a healthier place to live?** Not "what's wrong with the NHS", though that will come up. What would make it easier for you and your neighbours to feel well, stay well, and get help when you need it?

        ## How it'll work

        - **Small tables**, six or seven people each, with a volunteer to take notes.
        - **Three questions**: What's good here? What gets in the way? What's one thing we could change together?
        - **Food** from local cafés, free.
        - A **crèche**, so parents can come.
        - **Interpreters** for Urdu, Bengali and Polish, and we'll add more if people ask.

        ## What happens next

        We'll write up everything people say, share it back with everyone who came, and pick two or three things to work on together. Last year, a listening event like this led to a new bench on the walk to the health centre and a Saturday youth football session.

        **How you can help:** tell me what questions we should ask, and who we should make sure is in the room. Who usually gets left out?
        """,
        topics=[ACCESS, CONNECTION],
        place="Levenshulme",
        comments=[
            c(
                "tomasz",
                "Evening shift workers get left out of everything. Could there be a second session on a Saturday morning?",
                c(
                    "organiser",
                    "Great shout, Tomasz. We'll run it twice: a weekday evening and a Saturday morning.",
                    c("tomasz", "Then I'll be there. And I'll bring some of the lads from work."),
                ),
            ),
            c(
                "amara",
                "Please make sure night workers know about it. We miss everything that happens in the evening.",
            ),
            c(
                "hannah",
                "Young carers and older people living alone are the two groups I'd most want in the room.",
            ),
            c("sam", "Please check the venue's accessible toilet. You know why."),
        ],
    ),
    story(
        "grace",
        "Menopause, night shifts and the GP who finally listened",
        """
        For about two years I thought I was losing my mind. I couldn't remember words halfway through a sentence. I'd wake at 3am drenched and wide awake. I was snapping at my kids and crying in the car before shifts. I work in healthcare and it still didn't occur to me.

        I saw two doctors. One said stress. One offered me antidepressants and a leaflet about sleep hygiene. I'm not against antidepressants, but nobody asked about my periods, which had gone all over the place.

        It was a colleague, in the staff room at 4am, who said: "Have you thought it might be perimenopause?" I went home and read everything I could find and sat on the bathroom floor going "oh".

        The third GP listened. She asked the right questions, talked me through my options properly, and we made a plan together. Six months on, I sleep, I remember words, and I've stopped crying in the car.

        Things I'd say:

        - **Keep a symptom diary** for a few weeks before your appointment. Dates, sleep, mood, periods.
        - **Ask directly:** "Could this be perimenopause?"
        - **You can ask to see someone else** if you don't feel heard.

        I'm using a pseudonym because half my team read this site. Hello, team. Get your diaries out.
        """,
        topics=[ACCESS, MENTAL_HEALTH],
        place="London",
        identity="pseudonym",
        pseudonym="Night Owl Nurse",
        comments=[
            c(
                "margaret",
                "Forty years of nursing and nobody ever said the word to me either. I wish someone had said it in a staff room in 1995.",
                c("kirsty", "It's criminal how long it takes. Two years for my sister too."),
            ),
            c(
                "dev",
                'GP here. "Could this be perimenopause?" is a perfectly good question to open with, and the diary helps us enormously. Sorry about the first two appointments.',
                c(
                    "leah",
                    "Seconded. Same goes for asking your midwife or nurse, we hear about it from patients of all ages.",
                ),
            ),
            c(
                "siobhan",
                "Sitting on the bathroom floor going \"oh\". I've been there. Glad you're sleeping again.",
            ),
        ],
    ),
]
