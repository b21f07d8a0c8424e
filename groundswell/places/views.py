from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from groundswell.core.pagecache import cache_for_anonymous
from groundswell.places.models import Place
from groundswell.stories.models import Story
from groundswell.stories.views import render_story_list


@cache_for_anonymous(scopes=("site",))
def place_index(request: HttpRequest) -> HttpResponse:
    places = list(
        Place.objects.order_by("path").only("id", "name", "slug", "level", "path", "parent_id")
    )
    return render(request, "places/index.html", {"places": places})


@cache_for_anonymous(scopes=("list:stories",))
def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place, slug=slug)
    qs = Story.objects.visible_to(request.user).in_place(place)
    trail = list(Place.objects.filter(pk__in=place.ancestor_ids).order_by("path"))
    children = list(place.children.order_by("name"))
    return render_story_list(
        request,
        qs,
        heading=place.name,
        intro=f"Everything shared about {place.name} and the places within it.",
        extra={"place": place, "place_trail": trail, "children": children},
    )
