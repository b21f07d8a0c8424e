"""Atom feeds. Feeds are read without signing in, so they carry public stories only."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from groundswell.core.feeds import Feed
from groundswell.places.models import Place
from groundswell.sitepages.identity import site_name
from groundswell.stories.models import Audience, Story
from groundswell.topics.models import Topic

FEED_SIZE = 30


def _public() -> QuerySet[Story]:
    return (
        Story.objects.published()
        .filter(audience=Audience.PUBLIC)
        .select_related("author", "organisation")
        .order_by("-published_at", "-id")
    )


class SiteFeed(Feed[Story, None]):
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{site_name()}: latest stories, ideas and resources"

    subtitle = "What people in the community have shared most recently."

    def link(self) -> str:
        return reverse("stories:home")

    def items(self) -> QuerySet[Story]:
        return _public()[:FEED_SIZE]

    def item_title(self, item: Story) -> str:
        return item.title

    def item_description(self, item: Story) -> str:
        return item.excerpt

    def item_link(self, item: Story) -> str:
        return reverse("stories:detail", args=[item.pk])

    def item_author_name(self, item: Story) -> str:
        return item.byline

    def item_pubdate(self, item: Story) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Story) -> datetime | None:
        return item.edited_at or item.published_at


class TopicFeed(SiteFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Topic:  # type: ignore[override]
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj: Topic) -> str:  # type: ignore[override]
        return f"{site_name()}: {obj.name}"

    def link(self, obj: Topic) -> str:  # type: ignore[override]
        return reverse("topics:detail", args=[obj.slug])

    def items(self, obj: Topic) -> QuerySet[Story]:  # type: ignore[override]
        return _public().filter(topics=obj)[:FEED_SIZE]


class PlaceFeed(SiteFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Place:  # type: ignore[override]
        return get_object_or_404(Place, slug=slug)

    def title(self, obj: Place) -> str:  # type: ignore[override]
        return f"{site_name()}: {obj.name}"

    def link(self, obj: Place) -> str:  # type: ignore[override]
        return reverse("places:detail", args=[obj.slug])

    def items(self, obj: Place) -> QuerySet[Story]:  # type: ignore[override]
        return _public().filter(place__path__startswith=obj.path)[:FEED_SIZE]
