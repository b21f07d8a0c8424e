"""Trust levels, their limits and the rate limits: every number in one place.

The defaults are here; `config/settings.py` may override any part of them (from the environment as
JSON) with `TRUST_LIMITS`, `TRUST_REQUIREMENTS` and `RATE_LIMITS`. Overrides merge into the
defaults, so `{"0": {"links_per_post": 1}}` changes one number and keeps the rest.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.conf import settings

NEW, BASIC, MEMBER, TRUSTED = 0, 1, 2, 3
LEVELS = (NEW, BASIC, MEMBER, TRUSTED)


class Limits(TypedDict):
    links_per_post: int | None  # None: no limit
    stories_per_day: int | None  # published in any 24 hours
    comments_per_day: int | None  # posted in any 24 hours
    images: bool
    mentions: bool


class Requirements(TypedDict):
    days_since_joining: int
    posts: int  # published stories plus comments that are not hidden or deleted
    reactions_received: int  # "I've experienced this too" and "This helped" on their posts


DEFAULT_TRUST_LIMITS: dict[int, Limits] = {
    NEW: {
        "links_per_post": 2,
        "stories_per_day": 2,
        "comments_per_day": 10,
        "images": False,
        "mentions": False,
    },
    BASIC: {
        "links_per_post": 5,
        "stories_per_day": 5,
        "comments_per_day": 30,
        "images": True,
        "mentions": True,
    },
    MEMBER: {
        "links_per_post": 15,
        "stories_per_day": 10,
        "comments_per_day": 100,
        "images": True,
        "mentions": True,
    },
    TRUSTED: {
        "links_per_post": None,
        "stories_per_day": None,
        "comments_per_day": None,
        "images": True,
        "mentions": True,
    },
}

# What lifts someone to each level; every level also needs a verified email address.
DEFAULT_TRUST_REQUIREMENTS: dict[int, Requirements] = {
    BASIC: {"days_since_joining": 7, "posts": 1, "reactions_received": 0},
    MEMBER: {"days_since_joining": 30, "posts": 5, "reactions_received": 5},
    TRUSTED: {"days_since_joining": 90, "posts": 20, "reactions_received": 25},
}

# An upheld report or a post hidden by a moderator within this many days keeps someone at
# BASIC at most until it is older.
PROBLEM_WINDOW_DAYS = 180
LEVEL_CAP_AFTER_PROBLEM = BASIC

# Rate limits on requests, per account and per address: scope -> {"user"|"ip": (limit, seconds)}.
# Addresses get far more room than accounts: a whole hospital or library can share one address.
DEFAULT_RATE_LIMITS: dict[str, dict[str, tuple[int, int]]] = {
    "story": {"user": (20, 600), "ip": (200, 600)},  # saves of a draft or an edit
    "comment": {"user": (20, 600), "ip": (200, 600)},
    "message": {"user": (30, 600), "ip": (300, 600)},
    "export": {"user": (3, 3600), "ip": (30, 3600)},
    "report": {"user": (20, 3600), "ip": (200, 3600)},
}


def _merge(defaults: dict[Any, Any], overrides: dict[Any, Any] | None) -> dict[Any, Any]:
    merged = {k: (dict(v) if isinstance(v, dict) else v) for k, v in defaults.items()}
    for key, value in (overrides or {}).items():
        key = int(key) if isinstance(key, str) and key.isdigit() else key
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key].update(value)
        else:
            merged[key] = value
    return merged


def trust_limits() -> dict[int, Limits]:
    return _merge(DEFAULT_TRUST_LIMITS, getattr(settings, "TRUST_LIMITS", None))


def trust_requirements() -> dict[int, Requirements]:
    return _merge(DEFAULT_TRUST_REQUIREMENTS, getattr(settings, "TRUST_REQUIREMENTS", None))


def limits_enforced() -> bool:
    return bool(getattr(settings, "TRUST_LIMITS_ENABLED", True))


def rate_limits() -> dict[str, dict[str, tuple[int, int]]]:
    merged = _merge(DEFAULT_RATE_LIMITS, getattr(settings, "RATE_LIMITS", None))
    return {
        scope: {per: (int(v[0]), int(v[1])) for per, v in rules.items()}
        for scope, rules in merged.items()
    }


def rate_limits_enabled() -> bool:
    return bool(getattr(settings, "RATE_LIMITS_ENABLED", True))
