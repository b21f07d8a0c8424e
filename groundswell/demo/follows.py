"""Demo follows and connections: the demo member follows a few topics, places and people, has
connections and one request waiting; other demo members follow and connect with each other."""

from __future__ import annotations

import random

from django.core.management.base import OutputWrapper
from django.db.models import Count

from groundswell.accounts.models import User
from groundswell.follows import services
from groundswell.organisations.models import Organisation
from groundswell.places.models import Place
from groundswell.stories.models import Identity, Story
from groundswell.topics.models import Topic

SEED = 12


def load_follows(*, domain: str, stdout: OutputWrapper | None = None) -> None:
    rng = random.Random(SEED)  # noqa: S311 (a repeatable demo, not a secret)
    people = list(User.objects.filter(email__iendswith=f"@{domain}").order_by("pk"))
    me = next((u for u in people if u.email.startswith("member@")), None)
    if me is None or len(people) < 4:
        return
    authors = list(
        User.objects.filter(
            pk__in=Story.objects.filter(identity=Identity.NAMED, author__in=people).values(
                "author_id"
            )
        )
        .exclude(pk=me.pk)
        .order_by("pk")
    )
    topics = list(Topic.objects.annotate(n=Count("stories")).order_by("-n", "name")[:3])
    places = list(Place.objects.filter(stories__isnull=False).distinct().order_by("path")[:2])
    follows = 0
    for topic in topics:
        services.follow_create(follower=me, kind="topic", target=topic)
        follows += 1
    for place in places:
        services.follow_create(follower=me, kind="place", target=place)
        follows += 1
    for author in authors[:4]:
        services.follow_create(follower=me, kind="person", target=author)
        follows += 1
    # Organisations near the demo member (not its own: members aren't offered Follow), and a few
    # the others follow.
    orgs = list(
        Organisation.objects.filter(stories__isnull=False)
        .exclude(memberships__user=me)
        .distinct()
        .order_by("pk")
    )
    for org in orgs[:3]:
        services.follow_create(follower=me, kind="organisation", target=org)
        follows += 1
    others = [u for u in people if u.pk != me.pk]
    for person in others:
        for target in rng.sample(others, k=min(3, len(others))):
            if target.pk != person.pk:
                services.follow_create(follower=person, kind="person", target=target)
                follows += 1
    connections = 0
    for other in others[:3]:
        services.connection_request(sender=other, recipient=me)
        services.connection_accept(user=me, other=other)
        connections += 1
    # One request waiting for the demo member to answer.
    services.connection_request(sender=others[3], recipient=me)
    for a, b in zip(others[4::2], others[5::2], strict=False):
        services.connection_request(sender=a, recipient=b)
        services.connection_accept(user=b, other=a)
        connections += 1
    if stdout is not None:
        stdout.write(f"Follows: {follows} of people, topics and places; {connections} connections.")
