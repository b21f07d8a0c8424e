"""Stories, ideas and resources about food, nutrition and physical activity."""

from __future__ import annotations

from groundswell.demo.data.schema import (
    ACCESS,
    ACTIVITY,
    AGEING,
    CONNECTION,
    FOOD,
    LONG_TERM,
    MATERNITY,
    MENTAL_HEALTH,
    c,
    idea,
    resource,
    story,
)

ITEMS = [
    story(
        "shirley",
        "The pantry queue is where people talk",
        """
        Every Thursday from half ten, our community pantry opens in the back of the church hall in Knowle West. Members pay a few pounds and choose about fifteen items: tins, fresh veg, bread, and whatever the supermarkets have sent over that week.

        We set it up to help with food costs. What we didn't expect was the queue.

        People start arriving about ten. There are chairs and a tea urn. And in that half hour, people talk. Mums swap school uniform. An older chap who lives on his own tells everyone about his tomatoes. A young lad who'd barely said a word for weeks told us he'd got a job, and the whole queue clapped.

        We've had people tell us the pantry is the only time they leave the house all week. We've had people find out about benefits they were entitled to, because someone in the queue asked "have you tried...?"

        So we've leaned into it. There's a noticeboard now. A volunteer from the advice centre comes once a month. The tea is always on.

        It's a food project. But honestly, some weeks I think the food is the excuse.
        """,
        topics=[FOOD, CONNECTION],
        place="Knowle West",
        comments=[
            c(
                "kwame",
                '"The food is the excuse." Same at our community fridge. People come for the veg and stay for the chat.',
                c(
                    "shirley",
                    "Food gets people through the door without anyone having to admit they're lonely.",
                    c("kwame", "Exactly. Dignity first, then everything else."),
                ),
            ),
            c(
                "hannah",
                "I refer people to pantries like this all the time, and this is exactly why. It's so much more than food.",
            ),
            c("marjorie", "The whole queue clapped. That's a community."),
            c(
                "organiser",
                "We'd love to learn from how you set up the advice centre visits. Could we chat sometime?",
            ),
        ],
    ),
    resource(
        "dylan",
        "Five dinners from one bag of red lentils",
        """
        I've been a chef for fifteen years and redundant twice. These days I cook for three kids on a tight budget. A kilo bag of red lentils is one of the cheapest, most useful things in the shop: cheap, filling, full of protein and fibre, and cooks in twenty minutes with no soaking.

        ## 1. Red lentil dal
        Fry an onion, garlic and whatever spices you have (cumin, turmeric, a bit of chilli). Add 250g lentils and about a litre of water or stock. Simmer 20 minutes. Squeeze of lemon if you've got one. Rice or bread.

        ## 2. Lentil bolognese
        Your usual bolognese, but swap half the mince for lentils (or all of it). The kids genuinely didn't notice.

        ## 3. Lentil and tomato soup
        Onion, carrot, a tin of tomatoes, 150g lentils, stock. Simmer, then blend or mash. Freezes brilliantly.

        ## 4. Cottage pie
        Lentils, a grated carrot, a spoon of gravy granules, topped with mash.

        ## 5. Lentil fritters
        Leftover dal, a couple of spoons of flour, shape into patties, fry until crispy. Kids love them with ketchup.

        **Tip:** buy the big bag from the world food aisle. It's usually much cheaper per kilo than the small packs.
        """,
        topics=[FOOD],
        place="Wrexham",
        comments=[
            c(
                "joy",
                "Number 5 is new to me and my kids will go mad for it. Thank you!",
                c(
                    "dylan",
                    "Add a bit of grated cheese to the mix if you've got some. Game changer.",
                ),
            ),
            c(
                "mo",
                "Tried the bolognese last night. My daughter asked for seconds and I didn't tell her till after.",
                c("dylan", "The classic con. Well done!"),
            ),
            c(
                "farah",
                "Health visitor hat on: lentils are great for weaning babies too, just without the salt and chilli.",
            ),
            c(
                "kwame",
                "World food aisle tip is so true. Would you ever run a cooking session at our community fridge?",
            ),
        ],
    ),
    idea(
        "kwame",
        "A community fridge in every GP surgery",
        """
        We run a community fridge in Liverpool 8. Supermarkets and local shops give us food that's near its date; anyone can come and take what they need, no questions, no forms.

        I've been thinking about where people would most benefit from one, and I keep coming back to GP surgeries.

        Think about who's in the waiting room. People who've just been told to "eat more healthily" and can't afford to. Parents with kids who haven't had breakfast. Older people who aren't eating properly because cooking for one feels pointless.

        **The idea:** a small fridge and a shelf in the waiting room, stocked by a local food project, with fruit, veg, bread and a few basics. Free to take. A leaflet about local food help alongside.

        What it would need:

        - A partner food project to stock and check it daily.
        - Someone at the practice willing to keep an eye on it.
        - Clear food safety rules (we already follow them).

        I'd love to hear from practice managers, and from anyone who thinks this wouldn't work. Tell me why.
        """,
        topics=[FOOD, ACCESS],
        place="Liverpool",
        comments=[
            c(
                "dev",
                "I love this. The practical worry from our side would be space and who checks dates, but partnering with a food project solves the second one.",
                c(
                    "kwame",
                    "We'd do the checking. We have volunteers who'd love a regular slot.",
                    c("dev", "Then let's talk. I'll raise it at our next practice meeting."),
                ),
            ),
            c(
                "hannah",
                "Link worker here: this would be a perfect partner to social prescribing. Count me in.",
            ),
            c("shirley", "Would work in pharmacies too, maybe?"),
        ],
    ),
    story(
        "tomasz",
        "From the sofa to parkrun at 46, the slowest man in Platt Fields",
        """
        Two years ago, my son did a school fun run and asked why I never ran. I made a joke. Then I thought about it for a week.

        I was 46, I worked long shifts in a warehouse, and the most exercise I did was walking to the car. So I downloaded a beginner running programme and started. Week one was sixty seconds running, ninety seconds walking, eight times. I nearly died. My neighbour saw me and asked if I was OK.

        I kept going. Three times a week, early in the morning, when nobody was about. Some weeks I repeated the same week twice because I couldn't manage the next one. That's allowed, it turns out.

        Nine weeks later, I did my first parkrun in Platt Fields. I finished second to last. The tail walker, a lovely lady in a hi-vis bib, walked with me for the last kilometre and told me about her allotment. Everyone at the finish clapped.

        I've done 61 parkruns now. I'm still slow. It doesn't matter. My sleep is better, my back is better, and my head is much, much better.

        My son comes with me now. He finishes twenty minutes ahead and then runs back to do the last bit with me.
        """,
        topics=[ACTIVITY, MENTAL_HEALTH],
        place="Levenshulme",
        comments=[
            c(
                "member",
                "This is the push I needed. I'm starting with walking, but I'm keeping this for when I'm ready to run.",
                c(
                    "tomasz",
                    "Walking first is how it starts for most of us. When you're ready: repeat weeks if you need to, and go early, nobody's watching.",
                    c(
                        "member",
                        "Six weeks of walking done. Knees are better. Running programme starts Monday. Legs already nervous.",
                    ),
                ),
            ),
            c("abdi", "Your son running back for you. That's the whole story right there."),
            c(
                "rhys",
                '"Repeat a week if you need to" is the best running advice there is. Well done.',
            ),
            c(
                "organiser",
                "Platt Fields on a Saturday is one of my favourite places in Manchester. See you at the back!",
            ),
        ],
    ),
    story(
        "abdi",
        "Walking football, and the men who stayed for tea",
        """
        Eighteen months ago, I booked a school sports hall in Burngreave for Saturday mornings and put up some posters: "Walking football. Any age, any fitness. Free."

        Walking football is what it sounds like: no running, no heavy tackles. Perfect for men who haven't played since school, or have bad knees, or are recovering from something.

        The first week, four people came. One was my uncle, who I'd bribed. By month three, we had twenty regulars, aged 35 to 78. Somali, Pakistani, Yemeni, Polish, Jamaican, white Sheffield lads. Men who'd never have spoken to each other on the street now argue every week about whether that was a foul.

        The football is good for them. But I didn't expect the tea.

        After the game we sit in the school canteen with tea and whatever someone's brought: samosas, cake, biscuits. And they talk. About work, kids, diabetes, bereavement, immigration papers, whose wife is in hospital. One man told us his son had died the year before and he hadn't talked about it with anyone. He's been every week since.

        My advice if you want to start something: make the activity the easy part, and leave time afterwards. That's where it really happens.
        """,
        topics=[ACTIVITY, MENTAL_HEALTH, CONNECTION],
        place="Burngreave",
        comments=[
            c(
                "tunde",
                "\"Leave time afterwards. That's where it really happens.\" This is the whole secret of men's health, in one line.",
                c(
                    "abdi",
                    "Learned it from watching my dad's generation at the mosque. The tea after is sacred.",
                ),
            ),
            c(
                "iain",
                "Walking football would go down a storm up here. Did you need insurance or anything for the hall?",
                c(
                    "abdi",
                    "We got cover through a small community grant and a local sports network. Happy to send details.",
                    c("iain", "That would be grand, thanks."),
                ),
            ),
            c(
                "pete",
                "Walking football! I could do that now, after rehab. Is there anything like this in Hull?",
            ),
            c(
                "moderator",
                "Lovely to see people connecting across the country here. Just a reminder to share contact details by private message rather than in comments.",
            ),
        ],
    ),
    resource(
        "rhys",
        "Three exercises for sore knees you can do while the kettle boils",
        """
        I'm a physio. Most people with sore knees from wear and tear (osteoarthritis) feel better with regular, gentle strengthening, not with rest. Strong muscles around the knee take pressure off the joint.

        These three exercises can be done in the kitchen while the kettle boils. Do them most days. A bit of discomfort is normal when you start; sharp or worsening pain isn't, so stop and check with your GP or physio.

        ## 1. Sit to stand
        Sit on a firm kitchen chair. Cross your arms if you can. Stand up, then sit down slowly. Start with five, build up to ten.

        ## 2. Heel raises
        Hold the worktop. Rise up onto your toes, hold for a second, lower slowly. Ten times.

        ## 3. Straight leg hold
        Sitting on the chair, straighten one knee fully so your leg is level with the seat. Hold for five seconds and lower. Five each side, building to ten.

        ## Tips
        - Little and often beats a big session once a week.
        - Walking is good for knees. Comfortable shoes help more than you'd think.
        - It can take six to eight weeks to feel a difference. Stick with it.

        If your knee is hot, very swollen, or locks or gives way, get it checked.
        """,
        topics=[ACTIVITY, LONG_TERM, AGEING],
        place="Rhondda Cynon Taf",
        comments=[
            c(
                "member",
                "Bus driver here with two bad knees. Doing these from today. Is it all right to do them after a long shift?",
                c(
                    "rhys",
                    "Yes, and they'll probably help with the stiffness from sitting. Go gently the first week.",
                    c("member", "Cheers, will report back."),
                ),
            ),
            c(
                "harjit",
                "Sit to stand is our favourite at the chair group too. Good to see a physio recommend it.",
            ),
            c(
                "margaret",
                "Six to eight weeks. That's the bit people give up before. Stick with it, everyone!",
            ),
        ],
    ),
    story(
        "joy",
        "One pot, six families: our cooking club for new parents",
        """
        When I had my first baby, the thing I struggled with most (apart from sleep) was food. I was too tired to cook, I couldn't put her down long enough, and we lived on toast and takeaways.

        So two years ago, I started a cooking club for new parents at the children's centre in Forest Gate. Every Wednesday, six families come. The babies go on mats in the middle of the room with a couple of volunteers. The parents cook one big pot of something together.

        We've made jollof rice, dal, chicken soup, chickpea curry, shepherd's pie, egusi stew. Everyone takes a big tub home for dinner. Every recipe costs under £2 a portion and uses one pot, because nobody with a new baby wants to wash up.

        But the cooking is almost secondary. New parents are lonely in a way nobody warns you about. At the club, people swap tips about teething, ask about rashes, cry about sleep, and make friends. Two of our mums now meet every Saturday in the park.

        If you're thinking of starting something similar, I'd say: feed the parents and let them bring the babies. The rest happens by itself.
        """,
        topics=[FOOD, MATERNITY, CONNECTION],
        place="Forest Gate",
        comments=[
            c(
                "priya",
                "I wish this existed near me. The toast and takeaways phase is real.",
                c(
                    "yasmin",
                    "Priya, we're starting one in Chapeltown in the spring. Not quite Birmingham, but I'll share how we do it.",
                    c("priya", "Please do! Maybe someone here in Sparkbrook will take it on."),
                ),
            ),
            c(
                "farah",
                "As a health visitor, I'd refer every family on my list to something like this. Feeding the parents is so important.",
            ),
            c("dylan", "One pot, under £2 a portion. You're speaking my language."),
        ],
    ),
    story(
        "member",
        "Getting off the bus a stop early (when you drive the bus)",
        """
        I drive a bus in Leeds. Funny thing about my job: I move thousands of people around the city every week and barely move myself. Eight hours sitting down, then home to sit on the sofa.

        My doctor said my blood pressure was creeping up and asked how much walking I did. I laughed. Then I didn't.

        So I've started small:

        - On my way in, I get off **one stop early**. On the way home, two stops early. About twenty-five minutes of walking a day.
        - On my break, I walk round the depot instead of sitting in the canteen. The lads think I've lost it.
        - At the weekend, I take the kids to Roundhay Park instead of the soft play.

        It's been six weeks. I haven't lost loads of weight. But I sleep better, my knees hurt a bit less, and my blood pressure was a bit better at the last check.

        I was inspired by the parkrun post on here. I'm not ready for running yet. But I've started the walking, and that's something.
        """,
        topics=[ACTIVITY, LONG_TERM],
        place="Leeds",
        comments=[
            c(
                "tomasz",
                "Walking first is exactly right. The running comes later, if you want it. And if you don't, the walking is enough.",
                c("member", "That's what I'm hoping. Thanks for the inspiration."),
            ),
            c("mo", "Driver solidarity! I park ten minutes away from the rank now. It adds up."),
            c(
                "dev",
                "Small changes like this are exactly what makes a difference to blood pressure. Keep it up.",
                c("member", "Cheers, Doc. Not yours, but cheers anyway."),
            ),
        ],
    ),
    story(
        "iain",
        "The walking group that's really a talking group",
        """
        Every Monday at ten we meet by the canal in Merkinch and walk for about an hour. There are usually a dozen of us, from 50 to 84. We go at the speed of the slowest walker, and there's a bench every twenty minutes for anyone who needs it.

        On paper, it's a health walk. In reality, it's a talking group that happens to move.

        Something about walking side by side makes it easier to say things. You're not looking at each other, there's no pressure. People tell you things on a walk that they'd never say across a table.

        Over the three years we've been going, I've heard people talk about losing a wife, coming out at 70, a cancer diagnosis, a son in prison, retiring and not knowing who they are any more. We listen. We keep walking. Sometimes someone says "I've been there" and that's all that's needed.

        We finish at a café that gives us a discount on the tea. Half the group stays another hour.

        If you're thinking about joining a walking group but you're nervous: come along. You don't have to talk. You just have to walk.
        """,
        topics=[ACTIVITY, CONNECTION, AGEING],
        place="Merkinch",
        comments=[
            c(
                "marjorie",
                "Side by side is easier than face to face. My Donald and I solved all our problems walking the dog.",
                c("iain", "That's it exactly. The dog is usually the best listener too."),
            ),
            c(
                "tunde",
                "Coming out at 70 on a canal walk. That stopped me in my tracks. What a group.",
            ),
            c(
                "nia",
                "I'd love to start something like this in Blaenau. How did you find your first walkers?",
                c(
                    "iain",
                    "The GP surgery put a poster up and the pharmacist told everyone who collected prescriptions. Pharmacists know everyone!",
                    c(
                        "ali",
                        "We do know everyone. Happy to help spread the word for anyone starting a group.",
                    ),
                ),
            ),
        ],
    ),
    resource(
        "organiser",
        "Getting food help in south Manchester, without being judged",
        """
        At our listening events, food comes up again and again. People want help but don't know where to go, or feel ashamed to ask. Here's a plain guide to the different kinds of help, and what to expect from each. Opening times change, so ring ahead or check with the organisers.

        ## Food banks
        - Usually give you a **parcel of a few days' food**, free.
        - Many need a **referral**: from your GP, a housing officer, Citizens Advice, a school or a support worker. Ask any of them; it's a routine request.

        ## Community pantries
        - You become a **member** for a small weekly fee and choose your own food, usually worth much more than you pay.
        - No referral needed at most.

        ## Community fridges
        - **Free food**, often fresh, which would otherwise be thrown away.
        - Anyone can use them. No questions asked.

        ## Community meals and cafés
        - Free or pay-what-you-can hot meals, often with company. Faith groups, community centres and some schools run them.

        ## If money's the problem
        - Ask for a **benefits check**. Lots of people miss out on money they're entitled to.

        Nobody who runs these places wants you to feel ashamed. They just want you to eat.
        """,
        topics=[FOOD, ACCESS],
        place="Manchester",
        comments=[
            c(
                "amara",
                "The benefits check found us nearly £40 a week we weren't getting. I had no idea. Everyone should ask.",
                c("organiser", "That's brilliant, Amara, and so common. Thank you for saying so."),
            ),
            c("kwame", "Really clear guide. Could we adapt it for Liverpool 8?"),
            c(
                "shirley",
                '"They just want you to eat." Yes. Every volunteer I know feels that way.',
            ),
        ],
    ),
    idea(
        "yasmin",
        "Let's make sure every eligible family in Chapeltown gets Healthy Start",
        """
        Healthy Start is an NHS scheme that gives some pregnant women and families with young children money on a prepaid card to spend on milk, fruit, vegetables, pulses and infant formula, and free vitamins. It's for people on certain benefits or low incomes.

        Lots of families who are eligible don't claim it. At our baby bank, we regularly meet parents who've never heard of it, or who tried to apply and gave up because the form was confusing, or who don't read English well enough to fill it in.

        **The idea:** a Healthy Start push in Chapeltown over the next three months.

        - A **drop-in** at the baby bank every Tuesday, with a volunteer who helps people check eligibility and apply on the spot.
        - Help in **Urdu, Punjabi, Bengali, Arabic and Polish**, using volunteers from the community.
        - Working with **midwives, health visitors and nurseries** so they mention it to every family.
        - Asking local shops to put up a sign saying they **accept the card**.

        We'd love more volunteers, especially people who speak community languages. And if you've run something similar, please share what worked.
        """,
        topics=[FOOD, MATERNITY, ACCESS],
        place="Chapeltown",
        comments=[
            c(
                "farah",
                "Health visitor in Bradford here. We did a similar push last year and the biggest win was asking at the 6–8 week check. Happy to share our script.",
                c(
                    "yasmin",
                    "Yes please! That's exactly the kind of thing we need.",
                    c("farah", "I'll message you this week."),
                ),
            ),
            c("leah", "Midwives should mention it at booking. I'll make sure our team does."),
            c("joy", "We'd help with a Twi and Yoruba leaflet if anyone needs it in London."),
        ],
    ),
    story(
        "harjit",
        "Three hundred meals on a Sunday",
        """
        At our gurdwara in Handsworth, we serve langar, a free community meal, to anyone who walks in. No questions, no charge, whatever your faith or none. Everyone sits together on the floor, or on chairs for those who need them, and eats the same simple food: dal, sabzi, rice, roti, kheer.

        On a Sunday we serve about three hundred people. A team of volunteers starts chopping at seven. I'm usually on rotis with three ladies in their eighties who are much faster than me.

        Over the last few years, the people coming in have changed. More students. More families who are struggling. More older people on their own, some of them not Sikh at all, who've heard that there's a warm place and a hot meal and someone to talk to.

        A few things we've learned:

        - **Nobody asks why you're here.** That matters more than anything.
        - **Sitting together** is half the point. Nobody eats alone.
        - **Volunteering is good for the volunteers**, especially retired people like me. It gives the week a shape.

        If you've never been to a langar, come. Cover your head, take off your shoes, and sit down. There's always enough.
        """,
        topics=[FOOD, CONNECTION, AGEING],
        place="Handsworth",
        comments=[
            c(
                "shirley",
                "\"Nobody asks why you're here.\" That's the rule at our pantry too. Dignity is everything.",
                c("harjit", "It's the oldest rule we have, and the best one."),
            ),
            c(
                "priya",
                "I've been to langar with friends from school. The most welcoming place in Birmingham.",
            ),
            c(
                "margaret",
                "Three ladies in their eighties faster than you! I'd like to meet them.",
                c("harjit", "They'd make you chop onions within five minutes. Come any Sunday."),
            ),
        ],
    ),
]
