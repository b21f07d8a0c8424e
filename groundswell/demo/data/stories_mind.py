"""Stories, ideas and resources about mental health, loneliness and connection."""

from __future__ import annotations

from groundswell.demo.data.schema import (
    ACCESS,
    AGEING,
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
        "gwen",
        'The first time I said "I\'m not OK" out loud',
        """
        I was 26, sitting in my car outside the Tesco on Newport Road, and I'd been there forty minutes because I couldn't face going in. Not because of anything in the shop. Because of everything.

        My sister rang. She asked how I was and I said the thing I always said, "fine, busy", and then I just... didn't stop talking. I said I wasn't OK. I said I hadn't been OK for about a year. I said I didn't know what was wrong with me.

        She didn't try to fix it. She said, "Right. Stay there. I'm coming." She brought a flask of tea and we sat in the car park until it got dark.

        That was the start, not the end. It took another two months to go to the GP, and a lot longer to find the right mix of talking therapy, medication and people. But I think about that car park a lot now that I'm a peer supporter. Most people I meet aren't looking for an answer. They're looking for someone who'll stay.

        **If you're reading this in your own car park:** you don't have to have the right words. "I'm not OK" is enough to start.
        """,
        topics=[MENTAL_HEALTH, CONNECTION],
        place="Splott",
        comments=[
            c(
                "amara",
                '"Fine, busy" is my line too. I say it at work, at the school gate, to my own mother. Thank you for this.',
                c(
                    "gwen",
                    "It's such a good hiding place, isn't it. Next time someone asks, maybe try \"busy, and a bit rough actually\" and see what happens. Small steps.",
                    c("amara", "I'll try it on my sister first. She'll fall off her chair."),
                ),
            ),
            c(
                "tunde",
                "The sister with the flask is the hero of this story. We talk in our group about being that person for someone else.",
                c("siobhan", "Agreed. Half of recovery is who turns up."),
            ),
            c(
                "dev",
                "As a GP: the two months between the car park and the appointment is so common. Thank you for being honest about it. It helps us understand why people arrive when they do.",
            ),
            c(
                "moderator",
                "A gentle reminder for anyone who needs it right now: Samaritans are free to call on 116 123, day or night, and you can also contact NHS 111.",
            ),
        ],
    ),
    resource(
        "tunde",
        "How our Tuesday men's circle works (and how you could start one)",
        """
        Four years ago there were three of us in the back room of a community centre in Elswick. Now there are usually twelve to fifteen, and people ask how to start something similar. Here's what we've learned.

        ## The basics

        - **Same time, same place, every week.** Tuesday, 7 till 9. Consistency matters more than anything else. Men who are struggling won't come if they have to check whether it's on.
        - **Tea, biscuits, no agenda for the first half hour.** People arrive late and nervous. Let them settle.
        - **Then a round.** Everyone says one thing about their week. You can pass. Passing is fine.
        - **What's said in the room stays in the room.** We repeat it every single week.

        ## What we don't do

        We're not therapists and we say so. If someone is in crisis we help them get proper support that night, and two of us have done a mental health first aid course.

        ## What it costs

        Room hire is £15 a week; a local church lets us have it at cost. Biscuits are about £4. We've never charged anyone.

        ## The hardest part

        Getting the first few through the door. Word of mouth, barbers, the bookies (yes, really), the GP surgery noticeboard. Most men come because a mate dragged them.

        If you want to start one, message me. Happy to talk it through.
        """,
        topics=[MENTAL_HEALTH, CONNECTION],
        place="Elswick",
        comments=[
            c(
                "abdi",
                "The barbers tip is gold. We put flyers for our football in three barbers and it's still our biggest source of new lads.",
                c(
                    "tunde",
                    "Barbers are where men actually talk! We've had a couple of barbers do a bit of listening training too.",
                    c(
                        "abdi",
                        "Going to steal that idea. Which course was it?",
                        c(
                            "tunde",
                            "I'll message you the details, it was through our local mind charity.",
                        ),
                    ),
                ),
            ),
            c(
                "danny",
                "I went to something like this for the first time last year. Sat in my car outside for ten minutes. Glad I went in.",
            ),
            c(
                "iain",
                "Same time, same place, every week. I'd tattoo that on every organiser's arm if I could.",
            ),
        ],
    ),
    story(
        "ali",
        "I'm a health professional and I rang 111 about my own head",
        """
        I work in healthcare. I spend my days telling people that it's fine to ask for help, that there's no shame in it, that their GP won't judge them.

        Last winter, at about 2am, I rang 111 because I was frightened of my own thoughts. I'd been working long shifts for months, sleeping badly, and I'd stopped seeing friends without really noticing. That night everything got very dark very quickly.

        The call handler was calm and kind. She didn't rush me. She asked clear questions and she got me a call back from a mental health nurse within the hour. The next day I saw a GP, and I was referred for support.

        What nearly stopped me ringing wasn't the thoughts. It was the voice saying "you of all people should be coping". I want to say to anyone who works in health or care: that voice is lying. We're not a different species. We're people who happen to know where the leaflets are.

        I'm posting this anonymously because I'm not ready for colleagues to know. Maybe one day.
        """,
        topics=[MENTAL_HEALTH, ACCESS],
        place="England",
        identity="anonymous",
        audience="members",
        comments=[
            c(
                "grace",
                "Nurse here. That voice is so loud in our line of work. Thank you for writing this down, it will reach people who need it.",
                c(
                    "rachel",
                    "Same from a GP. Many of us have been there, and more of us should say so.",
                ),
            ),
            c(
                "siobhan",
                '"People who happen to know where the leaflets are." I\'m going to be thinking about that one for a while. Glad you rang.',
            ),
            c(
                "moderator",
                "Thank you for trusting the community with this. Posting anonymously and to members only is exactly what those options are for.",
            ),
        ],
    ),
    story(
        "dylan",
        "Seven hundred days without a bet",
        """
        It started with a free bet on the football when I was 19. By 30 I had three credit cards and a habit of checking my phone under the table at my daughter's birthday party.

        The lying was the worst of it. Not to the bank. To my partner, to my mum, to myself. I got very good at it.

        What turned it round wasn't one big moment. It was lots of small ones:

        1. Telling one person. My brother. He didn't shout. He asked what he could do.
        2. Self-exclusion from every gambling site and app I could find, and a blocking app on my phone.
        3. Handing my bank cards to my partner for a while. Humiliating. Also the best decision I made.
        4. A weekly support group, online at first, then in person.

        Today is day 700. I've paid off one card. I still get the itch when the adverts come on during the match, and I still turn the telly over.

        I'm using a pseudonym because people I work with don't know, and I'm not ready for that conversation. But if you're in the middle of it, I wanted you to know that people do come out the other side.
        """,
        topics=[MENTAL_HEALTH],
        place="North Wales",
        identity="pseudonym",
        pseudonym="Still Counting Days",
        comments=[
            c(
                "danny",
                "Two years for me in March. The adverts during the match are the worst thing. Well done, mate, seven hundred is massive.",
                c(
                    "tunde",
                    "You two should compare notes sometime. Two people who get it is worth more than any leaflet.",
                ),
            ),
            c("amara", "Handing over the cards takes real courage. Sending you strength."),
            c(
                "hannah",
                "For anyone reading: your GP or a link worker can help you find specialist gambling support near you, and bank cards can have gambling blocks switched on in the app for most banks.",
                c("jamie", "Didn't know about the bank blocks. Sending this to my uncle."),
            ),
        ],
    ),
    idea(
        "nia",
        'A "new in town" night at the library',
        """
        When I moved back to Blaenau after uni, I realised almost everyone my age had left, and the people who'd stayed already had their groups. I'm not shy exactly, but it's hard to walk into the pub on your own and start chatting.

        **The idea:** one evening a month at the library (which already has the space and the kettle) for anyone who is new to the area, back after a long time away, or whose life has changed: new parents, people who've just retired, people who've been ill for a while.

        - No pressure to talk about why you're there.
        - A simple activity to give hands something to do: a quiz, a map of the town where people pin their favourite spots, a swap table.
        - Bilingual, Welsh and English, so nobody feels like an outsider either way.
        - Someone from the library or the community council to share what's already on.

        I've spoken to the library staff and they're keen. I'd love to hear from anyone who's run something like this elsewhere, especially what went wrong, so we can avoid it.
        """,
        topics=[CONNECTION],
        place="Blaenau Ffestiniog",
        comments=[
            c(
                "marjorie",
                "We have something similar at the church hall here and the swap table is always the most popular thing. People chat over a jigsaw far more easily than over nothing.",
                c("nia", "Jigsaws! I hadn't thought of that. Adding it to the list."),
            ),
            c(
                "hannah",
                "I'd refer people to this in a heartbeat. One tip: print a small card with the date and time that a GP or link worker can hand over. People lose leaflets; cards go in purses.",
                c(
                    "nia",
                    "That's really useful, thank you. Could I send you a draft?",
                    c("hannah", "Of course. Message me."),
                ),
            ),
            c(
                "bronwen",
                "Syniad gwych. A lot of us on the farms would come if it was early evening rather than late.",
            ),
        ],
    ),
    resource(
        "hannah",
        "What social prescribing is, and how to ask for it",
        """
        I'm a social prescribing link worker. Most people have never heard of the job, so here's what it is in plain language.

        **Social prescribing** means your GP practice can connect you with things in your community that help your health but aren't medicine: a walking group, a debt adviser, a choir, a gardening project, a carers' group, a befriending service.

        ## Who it's for

        Anyone over 18 registered with a practice that has a link worker, and most practices now do. It's especially useful if you're lonely, caring for someone, living with a long-term condition, or struggling with housing or money.

        ## What happens

        1. You ask at reception, or your GP, nurse or pharmacist suggests it.
        2. A link worker contacts you, usually by phone first.
        3. We meet and talk about *what matters to you*. Not what's wrong with you.
        4. We find something together, and often I'll come with you the first time.

        ## How to ask

        You can say exactly this at reception: *"Could I be referred to the social prescribing link worker, please?"* You don't have to explain why.

        It won't fix everything. But it's often the thing that makes everything else a bit more bearable.
        """,
        topics=[CONNECTION, ACCESS],
        place="Cardiff",
        comments=[
            c(
                "margaret",
                "I wish this existed when I was still nursing. We'd send people home knowing full well the problem was that nobody had spoken to them in a week.",
                c(
                    "hannah",
                    "That's exactly the gap we're trying to fill. Lots of former nurses make brilliant volunteers too, if you ever fancied it...",
                ),
            ),
            c("member", "Didn't know you could just ask at reception. Thanks."),
            c(
                "stan",
                "The link worker at our surgery got me into a carers' group. Only thing that's helped me, honestly.",
            ),
        ],
    ),
    story(
        "marjorie",
        "Learning to be on my own after fifty years",
        """
        Donald died two winters ago. We were married for fifty years and I don't think I'd spent more than a fortnight apart from him in all that time.

        People were very kind at first. The casseroles, the cards, the minister calling round. Then, quite naturally, everyone went back to their own lives, and I was left with a very quiet house and the radio.

        The evenings were the worst. We always had our tea at six and watched the news together, arguing with the weather forecast. I started eating standing up at the counter because sitting at the table on my own felt wrong.

        A few things have helped, and I'll share them in case they help anyone else:

        - My granddaughter set me up with video calls. I was hopeless at first. Now I ring my sister in Aberdeen every Sunday.
        - I said yes to the lunch club at the church, even though I didn't want to go. I've been every week since.
        - I started setting the table again. Proper plate, a glass of water. It sounds silly but it matters.

        I still miss him every day. But I've stopped waiting for the quiet to go away and started filling it a wee bit myself.
        """,
        topics=[CONNECTION, AGEING],
        place="Stornoway",
        comments=[
            c(
                "stan",
                "Setting the table. My Pat is still with me but she doesn't really know what a mealtime is any more. I might start setting it properly for us both. Thank you.",
                c(
                    "marjorie",
                    "Do, Stan. It's for you as much as for her.",
                    c("stan", "Did it tonight. Put a candle on as well. She smiled."),
                ),
            ),
            c(
                "iain",
                "If you're ever over on the mainland, our walking group would be glad to have you.",
            ),
            c(
                "shirley",
                "Arguing with the weather forecast is a sacred marriage tradition. This made me smile and cry at once.",
            ),
            c(
                "nia",
                "This is exactly why I want to start the library nights. Thank you for writing it.",
            ),
        ],
    ),
    story(
        "maya",
        "Being diagnosed autistic at 31",
        """
        I got my diagnosis last year, after a three-year wait. I cried in the car afterwards, and not from sadness. From relief.

        Suddenly there was an explanation for things I'd spent my whole life thinking were personal failings: why supermarkets wiped me out for a whole afternoon, why I could talk for hours about one subject and then couldn't manage "how are you", why offices with open-plan seating left me sick with exhaustion.

        The diagnosis didn't change who I am. It changed how I treat myself. I used to push through everything and then collapse for a weekend. Now I plan recovery time the way other people plan a night out. I wear ear defenders in the shop and I've stopped caring who sees. I told my manager and asked for a quieter desk and written instructions, and she said yes, which I had absolutely not expected.

        Three things I'd say to anyone on the waiting list:

        1. You don't need a diagnosis to start trying adjustments. Try them now.
        2. Find autistic people writing about their lives. They helped me far more than any textbook.
        3. Being "high functioning" mostly means people can't see what it costs you.
        """,
        topics=[MENTAL_HEALTH, DISABILITY],
        place="St Pauls",
        comments=[
            c(
                "callum",
                '"People can\'t see what it costs you." Yes. Exactly this. Three years on the waiting list for me too.',
                c(
                    "maya",
                    "Did you try any adjustments while you waited? I wish I'd started sooner.",
                    c(
                        "callum",
                        "Noise-cancelling headphones and a very firm rule about no phone calls before 11. Life-changing, both.",
                    ),
                ),
            ),
            c(
                "aisha",
                "Reading this as the mum of an autistic boy, it gives me hope for how he'll understand himself when he's older.",
            ),
            c("wren", "Recovery time planned like a night out. Stealing this phrase forever."),
        ],
    ),
    resource(
        "siobhan",
        "A crisis plan you write when you're well",
        """
        When things go badly wrong, the part of your brain that makes plans is usually the first thing to go offline. That's why I encourage everyone I support to write a crisis plan on a good day.

        Here's a simple template. Copy it onto paper or into your phone notes, and give a copy to someone you trust.

        ## My early warning signs
        What do *you* notice first? Sleeping badly, not answering messages, not eating, drinking more?

        ## What helps me when I notice them
        Be specific. "Walk the dog along the river" is better than "exercise".

        ## What doesn't help
        This is for the people around you. "Please don't tell me to cheer up."

        ## People I can contact
        Names and numbers. At least one who will answer at night.

        ## Professional contacts
        Your GP practice, your care team if you have one, and in Northern Ireland the Lifeline number, which is free and open round the clock. Samaritans are on 116 123 anywhere in the UK.

        ## Things that keep me safe
        Anything you'd like to be out of the house, or somewhere you can go.

        It feels strange writing it when you're well. That's the point. You're leaving notes for a future version of yourself who will need them.
        """,
        topics=[MENTAL_HEALTH],
        place="Northern Ireland",
        comments=[
            c(
                "gwen",
                'I use almost exactly this with people. The "what doesn\'t help" section is the one families read most carefully.',
                c(
                    "siobhan",
                    "It's often the first time anyone has told them! Most families are trying so hard and getting it slightly wrong.",
                ),
            ),
            c("kirsty", "Doing this tonight. I've been meaning to for months."),
            c(
                "callum",
                "Would love a version of this for autistic meltdowns and shutdowns. A lot of it would carry over.",
            ),
        ],
    ),
    idea(
        "iain",
        "Open the men's shed one evening a week for younger lads",
        """
        Our men's shed in Inverness is brilliant, but nearly everyone who comes is over sixty. That's fine, and the older lads get a huge amount from it. But I keep meeting young men in their twenties who are just as isolated and have nowhere to go that isn't the pub or their bedroom.

        **What I'm proposing:** one evening a week, say Thursday 6 till 9, where the shed is open to men aged 18 to 35. Same tools, same tea, same rules. A couple of our older members have offered to come along and teach: woodwork, bike repair, a bit of small engine stuff.

        What I think it needs:

        - A younger volunteer to run it alongside me, so it doesn't feel like being sent to your grandad's.
        - Projects with an end result. Building a bench for the community garden, fixing up donated bikes.
        - Making it clear it's not a "mental health group", even though that's partly what it is.

        If you've tried something similar, or know a young person who'd want to help run it, I'd love to hear from you.
        """,
        topics=[CONNECTION, MENTAL_HEALTH],
        place="Merkinch",
        comments=[
            c(
                "tunde",
                "\"Not a mental health group, even though that's partly what it is.\" This is the secret to every successful men's project I know.",
                c(
                    "iain",
                    'Ha. Aye. If you put "wellbeing" on the poster, nobody under sixty will touch it.',
                ),
            ),
            c(
                "jamie",
                "I'd have gone to this at 19. Fixing bikes would've been the perfect excuse to get out of the house for a bit.",
                c("iain", "That's exactly who it's for. Thanks, Jamie."),
            ),
            c("abdi", "Pair it with a curry night once a month and you'll never get rid of them."),
        ],
    ),
    story(
        "rachel",
        "Mental health care when the nearest therapist is a hundred miles away",
        """
        I'm a GP in Caithness. One of the hardest parts of my job is sitting with someone who needs regular talking therapy and knowing that the nearest face-to-face service is a long drive away, on a road that's closed half the winter.

        Video and phone therapy have been a genuine lifeline for many of my patients. But not for everyone. Some people don't have private space at home. Some have patchy broadband. Some just can't connect with a face on a screen.

        What I've seen work in our area:

        - **A room at the practice** people can use for online appointments, with a decent connection and a door that shuts.
        - **Community groups doing quiet heavy lifting**: the walking group, the shed, the Gaelic choir. None of them are "services", but they keep people well.
        - **Honesty about waits.** People cope better with a long wait when they know how long it is and what to do in the meantime.

        I'd love to hear from people in other rural places. What's worked for you? What would you change?
        """,
        topics=[MENTAL_HEALTH, ACCESS],
        place="Highlands and Islands",
        comments=[
            c(
                "marjorie",
                "On the island, the room at the practice idea would help so many folk. Half the houses here have three generations in them and no quiet corner.",
                c(
                    "rachel",
                    "That's exactly what people tell me. It costs almost nothing and it makes video therapy possible for people who'd otherwise go without.",
                ),
            ),
            c(
                "bronwen",
                "Same story in rural Gwynedd. Our surgery has started doing this and it's made a real difference.",
            ),
            c(
                "lucy",
                "Honesty about waits. Yes, please, everywhere. Not knowing is the worst part.",
            ),
        ],
    ),
    story(
        "tomasz",
        "I drink more than I tell my GP",
        """
        When the GP asks how many units a week, I give a number that's about half the truth. I think a lot of people do.

        It's not dramatic. I don't drink in the morning, I don't miss work. It's three or four cans every night after a twelve-hour shift, more at weekends. It's how I switch off. It's been like that for about eight years.

        What worried me was noticing that I couldn't picture an evening without it. I tried a dry week in January and was irritable and sleeping terribly by day three.

        I'm posting anonymously because I still feel embarrassed, and because the people around me would say I'm making a fuss about nothing.

        So far I have:

        - Downloaded an app that counts drinks, and been honest in it, which was a shock.
        - Started having two alcohol-free nights a week.
        - Booked a GP appointment where I'm going to give the real number.

        If you give your GP the "polite" number too, maybe this is a nudge. They've heard it all before.
        """,
        topics=[MENTAL_HEALTH],
        place="North West",
        identity="anonymous",
        audience="members",
        comments=[
            c(
                "dev",
                "GP here. Honestly, the real number is far more useful to us than a tidy one, and you won't shock anyone. Well done for booking the appointment.",
                c(
                    "rachel",
                    "Agree. And if it helps: we ask so we can help, not to tell people off.",
                ),
            ),
            c(
                "danny",
                'The "can\'t picture an evening without it" feeling is how it started with me and betting. Good on you for catching it.',
                c("tunde", "Catching it early is the bit nobody gives people credit for. Respect."),
            ),
            c(
                "gwen",
                "Two alcohol-free nights a week is a proper, real change. Be kind to yourself about the sleep, it settles.",
            ),
        ],
    ),
    story(
        "danny",
        "My dad's season ticket",
        """
        My dad had a season ticket at Anfield for thirty-eight years. Same seat, same flask, same fella next to him, a retired postman called Eddie who he never once saw outside the ground.

        Dad died in February. Heart attack, no warning, 67.

        The club let us transfer the ticket to me. The first home game after the funeral, I nearly didn't go. I sat in the car on Walton Breck Road for half an hour. Then I went in, and Eddie was there, in his seat, with two flasks. He'd brought one for Dad out of habit, and he handed it to me without saying a word.

        We didn't talk about Dad that day. We talked about the midfield, and the ref, and whether the new lad was any good. But at the end, Eddie put his hand on my shoulder for a second, and that said everything.

        Eddie and I go for a pint after every home game now. Sometimes we talk about Dad. Mostly we don't. He's 74 and lives on his own, and I think he needs it as much as I do.

        Grief doesn't always look like sitting in a counsellor's office. Sometimes it's a flask of tea in the Kop.
        """,
        topics=[MENTAL_HEALTH, CONNECTION],
        place="Anfield",
        comments=[
            c(
                "tunde",
                "Eddie bringing two flasks. I had to stop reading for a minute. Sorry about your dad, Danny.",
                c("danny", "Cheers, Tunde. Eddie's a diamond."),
            ),
            c(
                "stan",
                "Men like Eddie say it all without a word. Look after each other, the pair of you.",
                c("danny", "We will. He's already told me off for my taste in midfielders."),
            ),
            c(
                "kwame",
                "Flask of tea in the Kop. Sorry for your loss, lad. Liverpool 8 sends love.",
            ),
        ],
    ),
]
