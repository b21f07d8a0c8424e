"""Stories, ideas and resources about caring for someone and ageing well."""

from __future__ import annotations

from groundswell.demo.data.schema import (
    ACCESS,
    ACTIVITY,
    AGEING,
    CARING,
    CONNECTION,
    DISABILITY,
    MENTAL_HEALTH,
    c,
    idea,
    resource,
    story,
)

ITEMS = [
    story(
        "amara",
        "Night shifts, hospital days: being a mum to a child with sickle cell",
        """
        My son Chidi is six and he has sickle cell disease. Most of the time he's a normal, cheeky, football-mad six-year-old. Then a crisis comes, usually with no warning, and we're in A&E at 3am while he screams with pain.

        I work nights at a care home. So a crisis often means I've finished a shift, I've done the school run, I've had two hours' sleep, and then the school rings.

        Things I've learned the hard way:

        - **Carry the letter.** Our haematology team gave us a letter explaining his condition and what pain relief he needs quickly. It's in my bag, my mum's bag and his school bag. It has saved us hours of explaining in A&E.
        - **Say "sickle cell crisis" at triage, clearly.** Then say it again.
        - **Water bottle everywhere.** Keeping him hydrated is the single most useful thing I do.
        - **Tell work early.** My manager was much more flexible once she understood, instead of just seeing me ringing in.

        What I'm still working on is looking after me. I'm running on empty most weeks. If anyone has found ways to get actual rest while doing shifts and caring, I'm all ears.
        """,
        topics=[CARING, ACCESS],
        place="Moss Side",
        comments=[
            c(
                "fatima",
                "The letter in every bag is such good advice. We did the same for my mum after her stroke, and it changed how we were treated.",
                c(
                    "amara",
                    "It's mad how much difference a piece of paper makes. Like they finally believe you.",
                    c("fatima", "Exactly that. Shouldn't be like that, but it is."),
                ),
            ),
            c(
                "grace",
                "On rest: have you had a carer's assessment? It can sometimes unlock a few hours of respite, even for parent carers. Worth asking your council.",
                c(
                    "amara",
                    "I didn't know parents could have one. I thought it was only for people caring for adults.",
                    c(
                        "organiser",
                        "Parent carers can ask too. Happy to help you through it if you'd like someone alongside you.",
                    ),
                ),
            ),
            c(
                "gwen",
                "Running on empty for years is so hard on the body. Sending love, and please don't leave yourself till last.",
            ),
        ],
    ),
    story(
        "fatima",
        "Translating for my mum, and for half the waiting room",
        """
        Mum speaks Sylheti and a little English. Since her stroke, she understands less than she used to, and she gets frightened when people talk fast at her.

        So I go to everything. Physio, speech therapy, GP, hospital, the council about the grab rails. I've taken so much unpaid leave my manager has stopped asking.

        We are entitled to a professional interpreter. I know that now. For the first year, nobody offered, and I didn't know to ask, so I did it, and I got things wrong. I once translated "blood thinner" in a way that made Mum think her blood was too watery. She stopped taking it for three days.

        Now I ask for an interpreter every time, and I go as well, as her daughter and not as her translator. It's different. I can hold her hand instead of concentrating on medical words.

        The other thing that happens, every single time, is that another family in the waiting room asks me to help them. An auntie who can't read her letter. A man who doesn't know which room to go to. I always help. But it makes me angry that it's left to whoever happens to be sitting there.

        **If you or someone you care for needs an interpreter, ask for one when you book.** You shouldn't have to, but ask.
        """,
        topics=[CARING, ACCESS],
        place="Whitechapel",
        comments=[
            c(
                "leah",
                "As a midwife: we are supposed to book interpreters and we don't always. Families and friends shouldn't have to do it. Thank you for saying so clearly.",
                c("fatima", "Thank you. It's good to hear someone on the inside say it."),
            ),
            c(
                "dev",
                "The blood thinner story is exactly why family interpreting is risky, and nobody's fault but the system's. I'm sharing this with our practice team.",
                c(
                    "fatima",
                    "Please do. If one receptionist offers one more interpreter because of this, it was worth writing.",
                ),
            ),
            c(
                "aisha",
                "The whole waiting room asking you for help... I see that every time too. We are the unofficial service.",
            ),
            c(
                "kwame",
                "This is something our tenants' group could take to the health board. Would you be up for talking to us about it sometime?",
            ),
        ],
    ),
    story(
        "stan",
        "Pat still knows my hand",
        """
        Pat was diagnosed with Alzheimer's four years ago. She's 78. We met at a dance in Leeds in 1969 and I still can't believe she said yes.

        These days she doesn't always know who I am. Some mornings I'm her husband, some mornings I'm her dad, and now and then I'm a nice man who's come to help. I've learned not to correct her. It only frightens her.

        But if I hold her hand, she settles. Every time. Whatever name she calls me, she knows the hand.

        Practical things that have helped us, for anyone at the start of this:

        - **The memory clinic nurse.** Ring her. That's what she's there for. I wasted the first year being too proud to.
        - **Music from when she was young.** Dusty Springfield gets her singing every word.
        - **A carers' group at the community centre** on Tuesdays, where I sit with other husbands and wives and nobody needs anything explained.
        - **Day care twice a week.** I felt like I was abandoning her. I wasn't. She enjoys it, and I sleep.

        It is the hardest thing I've ever done. It is also still a marriage.
        """,
        topics=[CARING, AGEING],
        place="Armley",
        comments=[
            c(
                "eileen",
                '"It is also still a marriage." Sean has Parkinson\'s and some days I forget that bit. Thank you, Stan.',
                c(
                    "stan",
                    "We're allowed to forget, Eileen. We're allowed to be tired. The hand is still there.",
                    c(
                        "eileen",
                        "Going to go and hold his hand now, even though he's watching the snooker.",
                    ),
                ),
            ),
            c(
                "bronwen",
                "Mam sings along to Welsh hymns when nothing else reaches her. Music is a kind of magic with dementia.",
            ),
            c(
                "grace",
                "Day care guilt is one of the most common things I hear from carers. You're right, it isn't abandoning. It's how you keep going.",
            ),
            c(
                "margaret",
                "Dusty Springfield! My mother was the same with Vera Lynn. God bless you both.",
            ),
        ],
    ),
    idea(
        "eileen",
        "A carer's card that the pharmacy, GP and hospital all recognise",
        """
        Every time I collect Sean's prescriptions, ring the GP about him, or go with him to the hospital, I have to explain who I am and why I'm allowed to ask. Some places have a note on their system; most don't. One receptionist told me she couldn't talk to me about "the patient" while he was sitting right next to me, unable to get his words out.

        **The idea:** a simple carer's card, agreed across the local health and care services, that says:

        - I am a carer for this person.
        - They have agreed that I can speak on their behalf (or there is a power of attorney in place).
        - Here is a number to check.

        It should be free, quick to get, and recognised by the pharmacy, the GP practice, the hospital and the ambulance crews.

        I know some areas have something like this already. I'd love to know how it's worked, and what it would take to get one going here in Belfast.
        """,
        topics=[CARING, ACCESS],
        place="Belfast",
        comments=[
            c(
                "ali",
                "From the pharmacy side: this would help us enormously. We want to help carers, but we also have to protect people's privacy, and without a quick way to check we're stuck.",
                c(
                    "eileen",
                    "That's good to hear from a pharmacist. I always feel like I'm being a nuisance.",
                ),
            ),
            c(
                "bernie",
                "Yes, yes, yes. I've been asked to prove I'm Martin's sister more times than I can count.",
            ),
            c(
                "fatima",
                "We'd need it in other languages too, or at least with a line that says so.",
                c("eileen", "Very good point. Adding it."),
            ),
        ],
    ),
    story(
        "bronwen",
        "Caring for Mam on a farm with one bar of signal",
        """
        Mam has dementia and lives with me on the farm, up a single-track road about twenty minutes from the nearest village. I love it here. It's also very, very far from everything.

        The things that are easy in town are hard here. The carers who come in the morning sometimes can't get up the road in bad weather. The GP surgery does phone appointments, but the phone only works if I stand by the kitchen window. The memory clinic is an hour away and Mam hates the car.

        And the loneliness. I used to see neighbours at the mart or chapel. Now I can't leave Mam for long, and most days the only adult I talk to is the postman.

        What has helped:

        - A **telecare alarm** with a falls sensor, so I can be out in the fields without panicking.
        - A **sitting service** from a local carers' charity: three hours on a Thursday so I can go to town.
        - The surgery agreeing to **ring the landline** and leave it a bit longer to answer.
        - An online carers' group in Welsh, which I join from the kitchen window.

        Rural carers aren't asking for miracles. Just for services to remember that "pop in" means forty minutes each way.
        """,
        topics=[CARING, ACCESS, AGEING],
        place="Gwynedd",
        comments=[
            c(
                "rachel",
                '"Pop in means forty minutes each way." I\'m going to quote that at our next planning meeting. Rural GP, same problems up here.',
                c("bronwen", "Please do. Diolch."),
            ),
            c(
                "marjorie",
                "The postman being the only adult you speak to. That was me for a long time. Thinking of you.",
            ),
            c(
                "ewan",
                "Telecare sensors can be such a relief for carers. If the falls sensor ever isn't working well, ask for an OT review; there are newer options.",
            ),
        ],
    ),
    story(
        "jamie",
        "Young carers grow up too",
        """
        I started looking after my mam when I was fourteen. She has MS and bad depression, and my dad wasn't around. I did the shopping, the meds, the forms, and most of the cooking. I also did my GCSEs, badly.

        At school, nobody knew for ages. I was the lad who was always late and never did his homework. When a teacher finally asked why, and I told her, everything changed. I got a young carers' worker, time out of lessons when I needed it, and a group where I met other kids doing the same thing. First time I didn't feel like a freak.

        Now I'm 22. I still care for Mam, but I've also got an electrical apprenticeship and a girlfriend, and I'm trying to have a normal life alongside it. The trouble is, a lot of the support stopped when I turned 18. Suddenly I was an "adult carer" and I had to start again with a new set of people.

        What I'd say to teachers: if a kid's always late and always knackered, ask them how things are at home. Kindly. It could change everything.

        What I'd say to other young carers: you're allowed a life as well. It's not selfish.
        """,
        topics=[CARING, MENTAL_HEALTH],
        place="Byker",
        comments=[
            c(
                "amara",
                "As a mum, this made me cry. Your mam must be so proud of you. You're allowed a life as well, say it louder.",
                c("jamie", "Cheers. She is, she tells everyone, it's embarrassing."),
            ),
            c(
                "organiser",
                "The cliff edge at 18 comes up again and again in our listening events. Would you be willing to share this at one? No pressure.",
                c(
                    "jamie",
                    "Maybe. I'm not great at talking in front of people.",
                    c(
                        "organiser",
                        "You could send it in writing and we'd read it out. Your words, your name or no name, your call.",
                    ),
                ),
            ),
            c(
                "rosa",
                "Tiago's big sister does so much for him. I'm going to make sure her school knows. Thank you.",
            ),
        ],
    ),
    story(
        "bernie",
        "Who looks after Martin when I can't?",
        """
        My brother Martin is 58 and has a learning disability. He lived with our mammy all his life, and when she died three years ago, he came to live with me. I'm 63.

        I love him to bits. He's funny, he's kind, he knows every bus route in Belfast and he'll tell you about them whether you want to hear or not.

        But I lie awake at night wondering what happens when I can't do this any more. I've got arthritis in both hands. I had a cancer scare last year that turned out fine, but it frightened the life out of me, because there was no plan. Nobody had ever asked me what would happen to Martin if something happened to me.

        Since then I've started:

        - Talking to his social worker about **future planning**, which it turns out is a real thing you can ask for.
        - Writing down everything about Martin: his routines, what upsets him, how he likes his tea, the names of his friends at the day centre.
        - Asking Martin what *he* wants. He'd like to live with his friend Gerard one day. I'd never asked him.

        I'm sharing this with members only because it's personal. But I know there are thousands of us, older carers of adult children and brothers and sisters, all lying awake with the same question.
        """,
        topics=[CARING, DISABILITY, AGEING],
        place="Falls",
        audience="members",
        comments=[
            c(
                "eileen",
                "Bernie, I didn't know future planning was something you could ask for either. Thank you for writing this.",
                c("bernie", "Nobody tells you. You have to stumble on it."),
            ),
            c(
                "aisha",
                "Asking Martin what he wants. That's the line that got me. Yusuf is seven and I'm already lying awake about this.",
                c(
                    "bernie",
                    "Start the notebook now, love. Everything you know about him. You'll add to it for years.",
                    c("aisha", "Starting it tonight."),
                ),
            ),
            c(
                "ewan",
                "For anyone reading: a good care plan written with the person themselves is the most valuable document in a situation like this. Well done for starting it.",
            ),
        ],
    ),
    resource(
        "grace",
        "Before the district nurse visits: a short checklist",
        """
        I'm a district nurse. I visit people at home, mostly older people and people with wounds, catheters, diabetes or end-of-life care. A few small things make visits faster, safer and less stressful for everyone.

        ## Before we come

        - **Keep medicines in one place**, with the most recent list from the GP or pharmacy if you have it.
        - **Write down your questions.** We always mean to ask "anything else?" and sometimes we're rushed. Hand us the list.
        - **Keep a simple diary** if anything is changing: pain, sleep, appetite, swelling, falls.

        ## When we arrive

        - A **clear path and some light**. We'll be carrying kit, and in winter it's often dark.
        - **Pets in another room**, please. Even lovely ones.
        - Somewhere to **wash our hands**.

        ## Things people don't tell us but should

        - If you're struggling to manage at home, or the carer is.
        - If you've had a fall, even one that "didn't matter".
        - If the visit time doesn't work for you. Sometimes we can change it.

        We're guests in your home. You're allowed to ask us anything.
        """,
        topics=[AGEING, CARING],
        place="London",
        comments=[
            c(
                "margaret",
                "\"Even one that didn't matter.\" Forty years on the wards and I still didn't tell my own GP about my fall in the kitchen. Terrible patient, nurses.",
                c("grace", "The very worst! My mum's a retired nurse and she's exactly the same."),
            ),
            c("fatima", "Printing this for Mum's fridge. Thank you."),
            c("stan", "The diary's a good shout. I forget what's changed by the time anyone asks."),
        ],
    ),
    resource(
        "organiser",
        "Carer's assessments across the four nations: a plain guide",
        """
        If you look after someone who couldn't manage without you, you're a carer, even if you'd just call yourself their daughter, husband or friend. And in every part of the UK you have the right to have your own needs looked at.

        ## What it's called

        - **England:** a carer's assessment, from your local council.
        - **Scotland:** an Adult Carer Support Plan, or a Young Carer Statement for under-18s, from your council.
        - **Wales:** a carer's needs assessment, from your local authority.
        - **Northern Ireland:** a carer's assessment, through your Health and Social Care Trust.

        ## What it's for

        It's about *you*, not the person you care for. Your health, your work, your sleep, your chance of a break, what you'd like to do with your own life.

        ## How to ask

        Ring adult social care (or children's services if you care for a child) and say: *"I'd like an assessment of my needs as a carer."* You can also ask your GP practice to note that you're a carer.

        ## Tips from people who've done it

        - Describe your worst week, not your best.
        - Write notes beforehand; it's easy to say "we manage fine" on the day.
        - You can have someone with you.
        - Ask what happens next, and when.

        It isn't always quick, and it won't solve everything. But it's the door to respite, carer support and sometimes direct payments.
        """,
        topics=[CARING, ACCESS],
        place=None,
        comments=[
            c(
                "bronwen",
                '"Describe your worst week, not your best." Wish I\'d read that before mine. I said we managed fine and got nothing.',
                c(
                    "organiser",
                    "You can ask for a review if things have changed, or if you feel it didn't reflect your situation. Happy to help you word it.",
                    c("bronwen", "I might take you up on that. Diolch."),
                ),
            ),
            c(
                "jamie",
                "Didn't know Scotland calls it something different. Useful for my cousin in Fife.",
            ),
            c("hannah", "Brilliant guide. I'll be sharing this with people I see."),
        ],
    ),
    story(
        "margaret",
        "From ward sister to the waiting room",
        """
        For forty years I was on the other side of this. Ward sister at Wythenshawe, then nurse specialist. I knew everyone, I knew how everything worked, I knew which doors to knock on.

        Now I'm 74 and I'm the one in the waiting room with my hip and my blood pressure and a letter I can't make head nor tail of.

        What's surprised me is how quickly you lose your voice as a patient. I, of all people, found myself nodding along to a young doctor who clearly hadn't read my notes, because I didn't want to be difficult. I came home and was furious with myself.

        So here's what I've started doing, and what I used to wish my patients would do:

        - Write down **the one thing** you most need to come out of the appointment with. Say it first.
        - If you don't understand, say **"Can you explain that another way?"** It's not rude. It's their job.
        - Ask **"What happens next, and when?"** Then ask who to ring if it doesn't.
        - Bring someone with you if you can, even just to take notes.

        Nurses and doctors are, on the whole, good people who are stretched very thin. Helping them help you isn't being difficult. It's being a partner.
        """,
        topics=[AGEING, ACCESS],
        place="Wythenshawe",
        comments=[
            c(
                "dev",
                '"Say the one thing first" is the single best piece of advice for a ten-minute appointment. Thank you, Sister Ellis.',
                c("margaret", "Ha! Nobody's called me that in years. I'll allow it."),
            ),
            c(
                "member",
                '"Can you explain that another way" is going on a sticky note in my wallet.',
                c("margaret", "Good lad. Use it."),
            ),
            c(
                "colin",
                "Fifty years of diabetes clinics and I still freeze when they start with the numbers. Writing my one thing down from now on.",
            ),
        ],
    ),
    resource(
        "harjit",
        "The chair exercises we do on Wednesday mornings",
        """
        Every Wednesday at ten, about twenty of us meet in the hall next to the gurdwara for half an hour of chair exercises, followed by tea and a good gossip. Most of us are over seventy. Some have bad hips, some have had strokes, one lady is ninety-one and puts us all to shame.

        A physiotherapist helped us put this routine together. Please check with your own doctor or physio first if you have any health worries.

        ## Warm up (5 minutes)
        - Sit tall, feet flat. March your feet on the spot, swinging your arms.
        - Roll your shoulders backwards ten times, forwards ten times.

        ## Strength (15 minutes)
        - **Sit to stand:** stand up from the chair without using your hands if you can, then sit down slowly. Ten times.
        - **Knee lifts:** lift one knee, lower it, then the other. Ten each side.
        - **Heel raises:** stand holding the chair back and go up on your toes. Ten times.
        - **Arm raises** with a tin of beans in each hand.

        ## Cool down (5 minutes)
        - Slow breathing, gentle neck turns, and stretching your arms up as high as they go.

        Then tea. The tea is compulsory.

        The important thing isn't the exercise. It's turning up every week. We notice if someone doesn't come, and we ring them.
        """,
        topics=[AGEING, ACTIVITY, CONNECTION],
        place="Handsworth",
        comments=[
            c(
                "rhys",
                "Physio here. This is a great, safe routine, and sit to stand is probably the single most useful exercise for staying independent. Lovely to see.",
                c(
                    "harjit",
                    "Thank you. Our physio said the same thing. We do a lot of sitting and standing!",
                ),
            ),
            c(
                "margaret",
                "The tin of beans is a classic. We ring if someone doesn't come is the real medicine here.",
            ),
            c(
                "shirley",
                "Might try this at our lunch club before the food comes out. Any tips for starting?",
                c(
                    "harjit",
                    "Keep it short and have someone who laughs a lot lead it. Ours is a retired PE teacher with a very loud voice.",
                ),
            ),
        ],
    ),
    story(
        "eileen",
        "Some days I resent him, and I love him every day",
        """
        I've been caring for my husband for six years. He has a progressive condition and needs more help every month. I do almost everything: washing, dressing, medication, lifting him when he falls.

        I'm writing this anonymously because I'm ashamed of what I'm about to say.

        Some days I resent him. Not for being ill. It's not his fault and I'd never say it to him. But I resent the life I thought we'd have, the holidays we planned, the retirement. I resent that I can't go to my sister's for the weekend. I resent the bell he rings at night.

        Then I feel guilty for feeling it, and the guilt is worse than the resentment.

        A counsellor at the carers' centre told me that this is one of the most common feelings carers have, and one of the least talked about. She said that resentment and love can sit side by side, and that having the first doesn't cancel the second.

        I'm not sure I believe her yet. But I wanted to say it somewhere safe, in case someone else is carrying the same thing and thinks they're a terrible person.

        You're not. I don't think I am either. We're tired.
        """,
        topics=[CARING, MENTAL_HEALTH],
        place="Northern Ireland",
        identity="anonymous",
        audience="members",
        comments=[
            c(
                "stan",
                "I've felt every word of this. The bell at night especially. You're not a terrible person. You're a tired one, like you say.",
                c("bronwen", "Same here. Thank you for being brave enough to write it."),
            ),
            c(
                "gwen",
                "Resentment and love side by side. Your counsellor is right. Feelings aren't actions; look at what you *do*, every day.",
            ),
            c(
                "moderator",
                "Thank you for sharing this. A reminder that you can talk to a carers' support line or your GP about how you're feeling too. You deserve care as well.",
            ),
        ],
    ),
]
