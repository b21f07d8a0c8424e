"""Create the starter topics. Safe to run again: existing topics, and edits to them, are kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from groundswell.demo.data import TOPICS
from groundswell.topics.models import Topic


@dataclass
class TopicSeedResult:
    created: int = 0
    existing: int = 0
    by_slug: dict[str, Topic] = field(default_factory=dict)


@transaction.atomic
def seed_topics() -> TopicSeedResult:
    """Create any starter topic that is missing, matched by slug or name. Returns them by slug."""
    result = TopicSeedResult()
    for wanted in TOPICS:
        topic = Topic.objects.filter(Q(slug=wanted.slug) | Q(name=wanted.name)).first()
        if topic is None:
            topic = Topic.objects.create(
                name=wanted.name, slug=wanted.slug, description=wanted.description
            )
            result.created += 1
        else:
            result.existing += 1
        result.by_slug[wanted.slug] = topic
    return result


class Command(BaseCommand):
    help = "Create the starter topics. Running it again adds only what is missing."

    def handle(self, *args: Any, **options: Any) -> None:
        result = seed_topics()
        self.stdout.write(f"Topics: {result.created} created, {result.existing} already there.")
