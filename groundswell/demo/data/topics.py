"""The starter topics, each with one plain-language line saying what belongs there."""

from __future__ import annotations

from groundswell.demo.data.schema import (
    ACCESS,
    ACTIVITY,
    AGEING,
    CARING,
    CONNECTION,
    DISABILITY,
    FOOD,
    LONG_TERM,
    MATERNITY,
    MENTAL_HEALTH,
    DemoTopic,
)

TOPICS = [
    DemoTopic(
        "Mental health",
        MENTAL_HEALTH,
        "Feeling low, anxious or overwhelmed, and what helps people through it.",
    ),
    DemoTopic(
        "Long-term conditions",
        LONG_TERM,
        "Living day to day with diabetes, arthritis, COPD, long COVID and other conditions that stay.",
    ),
    DemoTopic(
        "Caring for someone",
        CARING,
        "Looking after a partner, parent, child or friend, and looking after yourself while you do.",
    ),
    DemoTopic(
        "Loneliness and connection",
        CONNECTION,
        "Finding company, friendship and belonging, especially when life has got smaller.",
    ),
    DemoTopic(
        "Physical activity",
        ACTIVITY,
        "Moving more in ways that suit your body, your budget and your neighbourhood.",
    ),
    DemoTopic(
        "Food and nutrition",
        FOOD,
        "Eating well on a real budget: cooking, growing, sharing, and getting food when money runs out.",
    ),
    DemoTopic(
        "Maternity and early years",
        MATERNITY,
        "Pregnancy, birth and the first years with a baby or toddler, for every kind of family.",
    ),
    DemoTopic(
        "Access to services",
        ACCESS,
        "Getting an appointment, being listened to, and finding your way through health, care and benefits.",
    ),
    DemoTopic(
        "Ageing well",
        AGEING,
        "Staying well, independent and involved in the things you love as you get older.",
    ),
    DemoTopic(
        "Disability",
        DISABILITY,
        "Disabled people's own experiences, rights, and the barriers that still need to come down.",
    ),
]
