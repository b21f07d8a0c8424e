"""Suggested matches between needs and offers, computed in the background (tasks.refresh_matches)
when a post is published or edited, and stored as `Match` rows that both sides' pages read.

A candidate shares a topic or the category with the post, is open, listed, somewhere both can
reach, and is not the author's own or someone either of them blocked. Its score adds:

- topics: the share of the need's topics the offer covers (weight 3);
- place: how close the two places are in the hierarchy (weight 2): the same place 1, one inside
  the other 0.75, the same parent 0.6, the same region 0.4, the same nation 0.2; anywhere 0.5 when
  both can meet online or by phone (places have no coordinates yet, so distance in km is read as
  how far up the hierarchy a person may go);
- availability: days and parts of the day overlap (weight 1; "any" overlaps everything);
- category: the same kind of help (weight 1).

With 20,000 posts a new need is matched in well under a second (bench/offers_bench.py): one
query for the candidates, one for their topics, one for blocks, scoring in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from groundswell.follows.models import Block
from groundswell.offers.models import Match, Offer, Reach, Side, Status

MAX_MATCHES = 10
MIN_SCORE = 2.0
# Short codes stored in Match.reasons; views word them (REASON_LABELS in views).
REASONS = ("topic", "place", "time", "category", "online")


@dataclass(frozen=True)
class Candidate:
    id: int
    author_id: int
    category: str
    path: str
    days: int
    times: int
    reach: str
    travel_km: int | None


def _segments(path: str) -> list[str]:
    return [p for p in path.strip("/").split("/") if p]


def place_closeness(a: str, b: str) -> float:
    """How close two places are in the hierarchy, from their materialised paths."""
    if a == b:
        return 1.0
    if a.startswith(b) or b.startswith(a):
        return 0.75
    sa, sb = _segments(a), _segments(b)
    shared = 0
    for x, y in zip(sa, sb, strict=False):
        if x != y:
            break
        shared += 1
    if shared == 0:
        return 0.0
    if shared == len(sa) - 1 == len(sb) - 1:
        return 0.6  # siblings: the same parent
    return 0.4 if shared >= 2 else 0.2


def _reach_needed(km_a: int | None, km_b: int | None) -> float:
    """The least closeness two people meeting in person need, from how far they can travel."""
    km = max(km_a or 0, km_b or 0)
    if km < 10:
        return 0.6
    if km < 50:
        return 0.4
    return 0.2


def overlaps(bits_a: int, bits_b: int) -> bool:
    return bits_a == 0 or bits_b == 0 or bool(bits_a & bits_b)


def score_pair(
    *,
    need_topics: set[int],
    other_topics: set[int],
    need_category: str,
    other_category: str,
    path_a: str,
    path_b: str,
    reach_a: str,
    reach_b: str,
    km_a: int | None,
    km_b: int | None,
    days_a: int,
    days_b: int,
    times_a: int,
    times_b: int,
) -> tuple[float, list[str]] | None:
    """The score and reasons for a need and an offer, or None when they cannot meet."""
    online_a = reach_a in (Reach.ONLINE, Reach.EITHER)
    online_b = reach_b in (Reach.ONLINE, Reach.EITHER)
    in_person_a = reach_a != Reach.ONLINE
    in_person_b = reach_b != Reach.ONLINE
    closeness = place_closeness(path_a, path_b)
    reasons: list[str] = []
    can_meet = in_person_a and in_person_b and closeness >= _reach_needed(km_a, km_b)
    if online_a and online_b:
        place_score = max(closeness if can_meet else 0.0, 0.5)
        if not can_meet:
            reasons.append("online")
    elif can_meet:
        place_score = closeness
    else:
        return None
    shared = need_topics & other_topics
    same_category = need_category == other_category
    if not shared and not same_category:
        return None
    topic_score = len(shared) / len(need_topics) if need_topics else 0.0
    time_fits = overlaps(days_a, days_b) and overlaps(times_a, times_b)
    score = (
        3 * topic_score + 2 * place_score + (1 if time_fits else 0) + (1 if same_category else 0)
    )
    if shared:
        reasons.insert(0, "topic")
    if place_score >= 0.6 and "online" not in reasons:
        reasons.append("place")
    if time_fits:
        reasons.append("time")
    if same_category:
        reasons.append("category")
    return round(score, 3), reasons


def _blocked_ids(user_id: int) -> set[int]:
    rows = Block.objects.filter(Q(blocker_id=user_id) | Q(blocked_id=user_id)).values_list(
        "blocker_id", "blocked_id"
    )
    return {a if b == user_id else b for a, b in rows}


def suggestions_for(post: Offer) -> list[tuple[int, float, list[str]]]:
    """(other post id, score, reasons) for the best matches of `post`, best first."""
    topic_ids = set(post.topics.values_list("id", flat=True))
    other_side = Side.OFFER if post.side == Side.NEED else Side.NEED
    segments = _segments(post.place.path)
    nation = f"/{segments[0]}/" if segments else ""
    fits = Q(category=post.category)
    if topic_ids:
        fits |= Q(topics__in=topic_ids)
    where = Q(place__path__startswith=nation)
    if post.reach != Reach.IN_PERSON:
        where |= Q(reach__in=(Reach.ONLINE, Reach.EITHER))
    candidates_qs = (
        Offer.objects.filter(side=other_side, status=Status.OPEN, is_hidden=False)
        .exclude(author_id=post.author_id)
        .filter(fits)
        .filter(where)
    )
    blocked = _blocked_ids(post.author_id)
    if blocked:
        candidates_qs = candidates_qs.exclude(author_id__in=blocked)
    rows = candidates_qs.values_list(
        "id", "author_id", "category", "place__path", "days", "times", "reach", "travel_km"
    ).distinct()
    candidates = [Candidate(*row) for row in rows]
    if not candidates:
        return []
    topics_of: dict[int, set[int]] = defaultdict(set)
    through = Offer.topics.through.objects.filter(
        offer_id__in=candidates_qs.values("id")
    ).values_list("offer_id", "topic_id")
    for offer_id, topic_id in through:
        topics_of[offer_id].add(topic_id)
    scored: list[tuple[int, float, list[str]]] = []
    for c in candidates:
        if post.side == Side.NEED:
            need_topics, other_topics = topic_ids, topics_of[c.id]
        else:
            need_topics, other_topics = topics_of[c.id], topic_ids
        result = score_pair(
            need_topics=need_topics,
            other_topics=other_topics,
            need_category=post.category,
            other_category=c.category,  # the same test either way round
            path_a=post.place.path,
            path_b=c.path,
            reach_a=post.reach,
            reach_b=c.reach,
            km_a=post.travel_km,
            km_b=c.travel_km,
            days_a=post.days,
            days_b=c.days,
            times_a=post.times,
            times_b=c.times,
        )
        if result is None or result[0] < MIN_SCORE:
            continue
        scored.append((c.id, result[0], result[1]))
    scored.sort(key=lambda row: (-row[1], -row[0]))
    return scored[:MAX_MATCHES]


def refresh_for(post_id: int) -> list[Match]:
    """Recompute the suggestions for one post and return the matches that are new. A post that
    is no longer open (or gone, or hidden) has none."""
    post = Offer.objects.select_related("place").filter(pk=post_id).first()
    if post is None:
        return []
    own = "need" if post.side == Side.NEED else "offer"
    with transaction.atomic():
        existing = set(
            Match.objects.filter(**{own: post}).values_list(
                "offer_id" if own == "need" else "need_id", flat=True
            )
        )
        if post.status != Status.OPEN or post.is_hidden:
            Match.objects.filter(**{own: post}).delete()
            return []
        found = suggestions_for(post)
        keep = {other_id for other_id, _score, _reasons in found}
        Match.objects.filter(**{own: post}).exclude(
            **{("offer_id__in" if own == "need" else "need_id__in"): keep}
        ).delete()
        new: list[Match] = []
        for other_id, score, reasons in found:
            pair = {"need_id": post.pk, "offer_id": other_id}
            if own == "offer":
                pair = {"need_id": other_id, "offer_id": post.pk}
            match, created = Match.objects.update_or_create(
                **pair, defaults={"score": score, "reasons": ",".join(reasons)}
            )
            if other_id not in existing:
                new.append(match)
    return new
