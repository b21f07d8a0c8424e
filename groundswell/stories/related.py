"""Related stories: shared topics plus text similarity (TF-IDF cosine over candidate stories).

Computed by a task when a story is published or edited and stored in StoryRelation, so the
story page reads a handful of precomputed rows instead of scoring on every view.
"""

from __future__ import annotations

import math
from collections import Counter

from django.db import transaction

from groundswell.lib.markdown import markdown_to_text
from groundswell.lib.text import tokenize
from groundswell.stories.models import Audience, Story, StoryRelation

CANDIDATES = 400
KEEP = 5
TOPIC_WEIGHT = 0.35


def _vector(text: str, idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(tokenize(text))
    vec = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def compute_related(story: Story) -> list[tuple[int, float]]:
    """Score candidate stories that share a topic or place with this one; return the best ids."""
    topic_ids = set(story.topics.values_list("id", flat=True))
    base = Story.objects.published().exclude(pk=story.pk)
    # Members-only stories are only related to members-only stories, so a public page never
    # advertises one; the page filters by the viewer as well.
    if story.audience == Audience.PUBLIC:
        base = base.filter(audience=Audience.PUBLIC)
    candidates = (
        list(
            base.filter(topics__in=topic_ids)
            .distinct()
            .order_by("-published_at")
            .values("id", "title", "body")[:CANDIDATES]
        )
        if topic_ids
        else []
    )
    if len(candidates) < KEEP:
        seen = {c["id"] for c in candidates}
        extra = (
            base.exclude(pk__in=seen)
            .order_by("-published_at")
            .values("id", "title", "body")[: CANDIDATES - len(candidates)]
        )
        candidates.extend(extra)
    if not candidates:
        return []
    cand_topics: dict[int, set[int]] = {}
    for sid, tid in Story.topics.through.objects.filter(
        story_id__in=[c["id"] for c in candidates]
    ).values_list("story_id", "topic_id"):
        cand_topics.setdefault(sid, set()).add(tid)
    docs = {c["id"]: f"{c['title']} {c['title']} {markdown_to_text(c['body'])}" for c in candidates}
    own = f"{story.title} {story.title} {markdown_to_text(story.body)}"
    df: Counter[str] = Counter()
    for text in [own, *docs.values()]:
        df.update(set(tokenize(text)))
    n = len(docs) + 1
    idf = {t: math.log((n + 1) / (d + 1)) + 1 for t, d in df.items()}
    own_vec = _vector(own, idf)
    scored = []
    for sid, text in docs.items():
        vec = _vector(text, idf)
        cosine = sum(w * vec.get(t, 0.0) for t, w in own_vec.items())
        shared = len(topic_ids & cand_topics.get(sid, set()))
        topic_score = shared / max(len(topic_ids), 1)
        scored.append((sid, round((1 - TOPIC_WEIGHT) * cosine + TOPIC_WEIGHT * topic_score, 6)))
    scored.sort(key=lambda pair: (-pair[1], -pair[0]))
    return [pair for pair in scored[:KEEP] if pair[1] > 0]


@transaction.atomic
def refresh_related(story_id: int) -> None:
    story = Story.objects.filter(pk=story_id).first()
    StoryRelation.objects.filter(story_id=story_id).delete()
    if story is None or not story.is_published:
        return
    StoryRelation.objects.bulk_create(
        [
            StoryRelation(story_id=story_id, related_id=rid, score=score)
            for rid, score in compute_related(story)
        ]
    )
