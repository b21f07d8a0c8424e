"""Phrase lists for generated community content.

Sentences are assembled from health and community phrases so that full-text search has realistic
words to find ("diabetes", "carer", "waiting list", "walking group", ...) in realistic proportions.
Nothing here touches Django.
"""

from __future__ import annotations

import random

FIRST_NAMES = """Aisha Alan Amara Amir Ana Andrew Angela Anita Ben Bethan Bilal Carol Catrin Chen Chloe Chris
Ciaran Claire Dafydd Daniel David Deepa Eilidh Elena Emma Erin Fatima Fiona Gareth Grace Hamza Hannah Harriet
Ian Imran Isla Jack James Jane Jasmine Jo John Joseph Kate Keith Kemi Kiran Laura Leon Lily Liam Lucy Maria
Mark Marta Mary Megan Mei Mo Morag Nadia Neil Niamh Nisha Oliver Olu Owen Paul Priya Rachel Rhys Rita Rob
Rosa Ruth Sam Sarah Sean Shona Siobhan Sophie Stuart Sunita Tariq Tom Tomasz Una Usha Vera Wendy Yusuf Zainab
Zoe""".split()  # noqa: SIM905 - a list of names reads better as text

LAST_NAMES = """Ahmed Ali Anderson Begum Bell Brown Campbell Chen Clarke Davies Evans Fraser Green Hall Hughes
Hussain Jones Kaur Khan Kowalski Lewis Li MacDonald Martin Morgan Murphy Nowak O'Brien Patel Price Roberts
Robertson Scott Shah Singh Smith Stewart Taylor Thomas Thompson Walker Watson White Williams Wilson Wood
Wright Young""".split()  # noqa: SIM905

PSEUDONYMS = """Quiet Carer|Night Owl|Hill Walker|Tea Drinker|Northern Nurse|Garden Fan|Tired Parent|
Morning Swimmer|Bus Route 42|Kitchen Table|Long Covid Learner|Second Opinion|Slow Runner|Allotment Friend|
Sunday Baker|Back Pain Diaries|Library Regular|Sea Air|Canal Path|Hopeful Gran""".replace(
    "\n", ""
).split("|")

TOPICS = [
    ("Mental health", "mental-health", "Anxiety, depression, wellbeing and getting support."),
    ("Diabetes", "diabetes", "Living with type 1 and type 2 diabetes."),
    ("Caring", "caring", "Looking after someone: unpaid carers and their support."),
    ("Loneliness", "loneliness", "Isolation, friendship and connection."),
    (
        "GP and primary care",
        "gp-and-primary-care",
        "Appointments, surgeries and first contact care.",
    ),
    ("Waiting lists", "waiting-lists", "Waiting for treatment, tests and operations."),
    ("Physical activity", "physical-activity", "Walking groups, exercise and moving more."),
    ("Long Covid", "long-covid", "Living with and recovering from long Covid."),
    ("Chronic pain", "chronic-pain", "Managing long-term pain."),
    ("Cancer", "cancer", "Diagnosis, treatment and life after cancer."),
    ("Dementia", "dementia", "Memory loss, dementia care and support."),
    ("Maternity", "maternity", "Pregnancy, birth and early parenthood."),
    ("Heart health", "heart-health", "Blood pressure, heart conditions and rehabilitation."),
    ("Disability", "disability", "Access, rights and everyday life with a disability."),
    ("Food and nutrition", "food-and-nutrition", "Eating well, food banks and community kitchens."),
    ("Housing and health", "housing-and-health", "Damp, cold homes and health."),
    ("Young people", "young-people", "Health and wellbeing of children and young people."),
    ("Older people", "older-people", "Ageing well and staying independent."),
    ("Pharmacy", "pharmacy", "Prescriptions, medicines and the local pharmacy."),
    ("Hospital care", "hospital-care", "Stays in hospital, A&E and discharge."),
    ("Social prescribing", "social-prescribing", "Link workers, groups and non-medical support."),
    ("Asthma and breathing", "asthma-and-breathing", "Asthma, COPD and clean air."),
    ("Addiction and recovery", "addiction-and-recovery", "Alcohol, drugs, gambling and recovery."),
    ("Peer support", "peer-support", "People helping each other through shared experience."),
    ("Bereavement", "bereavement", "Grief and loss."),
    ("Money and health", "money-and-health", "Benefits, work and the cost of living."),
    ("Sleep", "sleep", "Insomnia, tiredness and rest."),
    ("Community action", "community-action", "Organising locally for better health."),
]

PLACES = {
    "England": {
        "North East": {
            "Newcastle": ["Byker", "Jesmond", "Walker"],
            "Sunderland": ["Hendon", "Roker"],
        },
        "North West": {
            "Manchester": ["Moss Side", "Ancoats", "Levenshulme"],
            "Liverpool": ["Anfield", "Toxteth"],
        },
        "Yorkshire": {
            "Leeds": ["Chapeltown", "Headingley", "Harehills"],
            "Sheffield": ["Burngreave", "Crookes"],
        },
        "Midlands": {
            "Birmingham": ["Aston", "Sparkbrook", "Erdington"],
            "Nottingham": ["Sneinton", "Radford"],
        },
        "London": {
            "Hackney": ["Dalston", "Homerton"],
            "Lambeth": ["Brixton", "Stockwell"],
            "Newham": ["Stratford"],
        },
        "South West": {
            "Bristol": ["Easton", "St Pauls", "Bedminster"],
            "Cornwall": ["Camborne", "Penzance"],
        },
        "South East": {
            "Kent": ["Margate", "Folkestone"],
            "Brighton and Hove": ["Whitehawk", "Hove"],
        },
    },
    "Scotland": {
        "Central Belt": {
            "Glasgow": ["Govan", "Easterhouse", "Partick"],
            "Edinburgh": ["Leith", "Craigmillar"],
        },
        "Highlands and Islands": {
            "Highland": ["Inverness", "Wick"],
            "Western Isles": ["Stornoway"],
        },
    },
    "Wales": {
        "South Wales": {
            "Cardiff": ["Butetown", "Splott", "Ely"],
            "Swansea": ["Townhill", "Sketty"],
        },
        "North Wales": {"Gwynedd": ["Bangor", "Caernarfon"], "Wrexham": ["Caia Park"]},
    },
    "Northern Ireland": {
        "Belfast area": {"Belfast": ["Falls", "Shankill", "Ormeau"], "Lisburn": ["Colin"]},
        "West": {"Derry and Strabane": ["Creggan", "Waterside"]},
    },
}

_TITLE_OPENERS = [
    "What helped me with",
    "My experience of",
    "Why we started",
    "Three things I learned about",
    "A year of",
    "Finally getting help with",
    "How our street tackled",
    "Nobody told me about",
    "Ideas for better",
    "Looking for advice on",
    "Living with",
    "The hardest part of",
    "A guide to",
    "Small wins with",
    "When the system failed on",
    "Finding support for",
    "Our campaign for",
    "Questions about",
    "Good news about",
    "Starting again after",
]
_TITLE_THEMES = [
    "type 2 diabetes",
    "type 1 diabetes",
    "caring for my mum",
    "caring for my dad",
    "being a young carer",
    "loneliness after retirement",
    "loneliness as a new parent",
    "GP appointments",
    "the GP phone queue",
    "the hospital waiting list",
    "waiting for a hip replacement",
    "a knee operation",
    "long Covid fatigue",
    "chronic back pain",
    "fibromyalgia",
    "migraines",
    "anxiety at work",
    "depression in winter",
    "panic attacks",
    "our walking group",
    "a community garden",
    "the food bank",
    "damp in our flat",
    "asthma in a cold home",
    "COPD",
    "my dementia diagnosis",
    "dad's dementia",
    "breast cancer treatment",
    "prostate cancer",
    "chemotherapy",
    "heart surgery",
    "high blood pressure",
    "stroke recovery",
    "postnatal depression",
    "a difficult pregnancy",
    "IVF",
    "the menopause",
    "ADHD as an adult",
    "autism assessment",
    "mobility scooters",
    "wheelchair access",
    "hearing loss",
    "sight loss",
    "insomnia",
    "grief",
    "losing my partner",
    "alcohol recovery",
    "gambling",
    "quitting smoking",
    "benefits assessments",
    "going back to work",
    "the cost of prescriptions",
    "the local pharmacy",
    "social prescribing",
    "peer support groups",
    "a men's shed",
    "a choir for breathing",
    "swimming for pain",
    "cooking on a budget",
    "bus routes to the hospital",
]
_TITLE_SUFFIXES = [
    "",
    "",
    "",
    "",
    "",
    " in our town",
    " as a carer",
    " on a low income",
    " at 70",
    " at 25",
    " without a car",
    " in winter",
    " after lockdown",
    " with two jobs",
    " (long read)",
    " - an update",
    " in a rural area",
    " as a single parent",
    " with a disability",
    " for the first time",
]

_OPENINGS = [
    "I never thought I would write about this, but here goes.",
    "This is a bit long, sorry.",
    "A few people asked me to share what happened, so here it is.",
    "I'm writing this for anyone who is where I was a year ago.",
    "We started talking about this at the community centre and it grew from there.",
    "Some background first.",
    "I want to share something that made a real difference.",
    "This is an idea our group has been working on.",
]
_SENTENCES = [
    "Getting a GP appointment meant ringing at eight in the morning and waiting in a queue for an hour.",
    "The receptionist was kind but there were simply no appointments left that week.",
    "I was put on a waiting list for eighteen months and nobody checked in on me.",
    "The waiting list letter said to contact my GP if things got worse, which they did.",
    "My diabetes was diagnosed after a routine blood test at the pharmacy.",
    "Managing diabetes on night shifts is harder than any leaflet admits.",
    "The diabetes nurse at our surgery explained carbohydrate counting properly for the first time.",
    "Checking blood sugar at work felt embarrassing until a colleague said she did the same.",
    "Being an unpaid carer for my mum took over my whole life.",
    "Carers get very little support and the carer's allowance barely covers the bus fare.",
    "The carers' group at the library was the first place I felt understood.",
    "Young carers often don't know they are carers at all.",
    "Loneliness crept up on me after my husband died.",
    "After retirement the loneliness was worse than any physical illness.",
    "A neighbour knocking on the door once a week made all the difference to my loneliness.",
    "Our walking group meets every Tuesday at ten by the park gates.",
    "The walking group started with three people and now we have forty.",
    "Walking slowly with other people did more for my mental health than anything else.",
    "The social prescribing link worker connected me to a gardening project.",
    "A link worker helped me with benefits forms, housing and the GP all at once.",
    "Long Covid fatigue means I plan every day around my energy.",
    "Pacing is the one thing that helped with long Covid, and nobody told me about it for months.",
    "My chronic pain was dismissed for years before anyone took it seriously.",
    "Swimming in the warm pool is the only exercise that doesn't make the pain worse.",
    "The anxiety started at work and then it was everywhere.",
    "Talking therapy had a six month wait, so I tried the peer support group in the meantime.",
    "Peer support from people who had been through it was worth more than any app.",
    "The community mental health team changed my care coordinator three times in a year.",
    "Damp and mould in our flat made my son's asthma much worse.",
    "The council took months to fix the damp, and the inhaler prescriptions kept going up.",
    "The food bank volunteers also ran a cooking class for people with diabetes.",
    "Cooking on a budget with fresh vegetables is possible but it takes time we don't always have.",
    "Dad's dementia diagnosis took two years and three memory clinic appointments.",
    "The dementia café gave us both somewhere to go on Thursday afternoons.",
    "After the cancer diagnosis everything moved very fast, then suddenly stopped.",
    "Chemotherapy left me exhausted but the nurses on the ward were wonderful.",
    "The cardiac rehabilitation class was full of people just like me.",
    "My blood pressure came down once I started walking to the shops instead of driving.",
    "The bus to the hospital only runs twice a day, so a ten minute appointment takes a whole day.",
    "Hospital discharge was chaotic and the care package wasn't ready for a week.",
    "In A&E we waited nine hours on plastic chairs.",
    "The pharmacist spotted that two of my medicines shouldn't be taken together.",
    "Prescription charges add up quickly when you have four long-term conditions.",
    "Our surgery started a patient participation group and anyone can join.",
    "We wrote to the health board with thirty stories from the estate and they listened.",
    "The menopause symptoms were blamed on anxiety for far too long.",
    "Postnatal depression is more common than people think and the health visitor was brilliant.",
    "Getting an autism assessment for an adult meant a three year wait.",
    "Quitting smoking finally worked with the pharmacy stop smoking service.",
    "The men's shed gave my dad a reason to get up in the morning.",
    "Sleep was the first thing to go when the pain got worse.",
    "Our choir for people with COPD helps with breathing and with loneliness.",
    "The benefits assessment made me feel like I had to prove I was ill.",
    "Going back to work part time helped my recovery more than I expected.",
    "Wheelchair access at the new health centre is still poor.",
    "Hearing loss made phone appointments impossible, so I asked for email instead.",
    "Volunteers drive people to appointments when the buses don't run.",
    "A simple text reminder system cut missed appointments at our surgery.",
    "We mapped every bench on the walking route so older people can rest.",
]
_CLOSINGS = [
    "If you're going through the same thing, you're not alone.",
    "Happy to answer questions in the comments.",
    "Has anyone else tried this? What worked for you?",
    "I'd love to hear if something similar exists near you.",
    "Thank you for reading.",
    "Please share this with anyone who might need it.",
]
_IDEAS = [
    "**Idea:** a weekly drop-in where carers can talk to a nurse without an appointment.",
    "**Idea:** a volunteer rota to drive people to hospital appointments.",
    "**Idea:** walking groups that start from every GP surgery.",
    "**What would help:** text updates about where you are on the waiting list.",
    "**What would help:** one named person to call instead of a different number every time.",
]
_LISTS = [
    "Things that helped:\n\n- a regular routine\n- the walking group\n- asking for a longer appointment",
    "What I'd tell my past self:\n\n1. write your symptoms down before the GP appointment\n2. bring someone with you\n3. ask what happens next",
    "Useful contacts:\n\n- the local carers' centre\n- the pharmacy's free blood pressure check\n- the library's wellbeing shelf",
]

_COMMENTS = [
    "Thank you for sharing this. It's exactly what happened to my mum.",
    "This really helped, thank you.",
    "I've been on the same waiting list for over a year now.",
    "Our GP surgery does the 8am phone queue too. It's exhausting.",
    "Is the walking group open to anyone? I'd love to join.",
    "Have you tried asking for a carer's assessment from the council?",
    "Sending you strength. Caring is such hard work.",
    "The diabetes nurse at our surgery was brilliant too.",
    "I felt so lonely after moving here, the community café helped.",
    "Social prescribing changed things for me as well.",
    "Did you get any help with the damp in the end?",
    "Pacing is so important with long Covid, I wish I'd known sooner.",
    "The peer support group near us meets on Wednesdays at the library.",
    "Could you share which pharmacy did the stop smoking service?",
    "Same experience with hospital discharge here. It shouldn't be this hard.",
    "You're not alone. Dementia care is a maze.",
    "We started something similar on our estate and it worked well.",
    "**Tip:** ask the receptionist for a double appointment if you have several things to discuss.",
    "Does anyone know if the bus to the hospital runs on Sundays?",
    "This made me cry a little. Thank you for being so honest.",
    "My anxiety was the same and talking therapy helped eventually.",
    "The chronic pain clinic has a long wait but it's worth it.",
    "Great idea! We'd support this in our area.",
    "I'm a carer too and I completely understand.",
]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def story_title(rng: random.Random) -> str:
    return f"{rng.choice(_TITLE_OPENERS)} {rng.choice(_TITLE_THEMES)}{rng.choice(_TITLE_SUFFIXES)}"


def story_body(rng: random.Random) -> str:
    """A Markdown body of 3 to 6 paragraphs, sometimes with a list or a bold idea line."""
    paragraphs = [rng.choice(_OPENINGS)]
    for _ in range(rng.randint(2, 5)):
        paragraphs.append(" ".join(rng.sample(_SENTENCES, rng.randint(2, 5))))
    if rng.random() < 0.3:
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(_LISTS))
    if rng.random() < 0.25:
        paragraphs.append(rng.choice(_IDEAS))
    paragraphs.append(rng.choice(_CLOSINGS))
    return "\n\n".join(paragraphs)


def comment_body(rng: random.Random) -> str:
    parts = [rng.choice(_COMMENTS)]
    if rng.random() < 0.5:
        parts.append(rng.choice(_SENTENCES))
    return " ".join(parts)


def bio(rng: random.Random) -> str:
    return " ".join(rng.sample(_SENTENCES, 2))
