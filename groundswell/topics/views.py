from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from groundswell.core.pagecache import cache_for_anonymous
from groundswell.stories.models import Audience, Status, Story
from groundswell.stories.views import render_story_list
from groundswell.topics.models import Topic


@cache_for_anonymous(scopes=("list:stories",))
def topic_index(request: HttpRequest) -> HttpResponse:
    visible = Q(stories__status=Status.PUBLISHED, stories__is_hidden=False)
    if not request.user.is_authenticated:
        visible &= Q(stories__audience=Audience.PUBLIC)
    topics = (
        Topic.objects.current()
        .annotate(story_total=Count("stories", filter=visible))
        .order_by("name")
    )
    return render(request, "topics/index.html", {"topics": topics})


@cache_for_anonymous(scopes=("list:stories",))
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    if topic.merged_into is not None:
        return redirect("topics:detail", slug=topic.merged_into.slug, permanent=True)
    qs = Story.objects.visible_to(request.user).in_topic(topic)
    return render_story_list(
        request, qs, heading=topic.name, intro=topic.description, extra={"topic": topic}
    )
