from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from groundswell.core.pagecache import cache_for_anonymous
from groundswell.places.models import Place
from groundswell.stories.models import Story
from groundswell.stories.views import render_story_list


@cache_for_anonymous(scopes=("site",))
def place_index(request: HttpRequest) -> HttpResponse:
    places = list(
        Place.objects.current()
        .order_by("path")
        .only("id", "name", "slug", "level", "path", "parent_id")
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
        intro=place.description
        or _("Everything shared about %(place)s and the places within it.") % {"place": place.name},
        extra={"place": place, "place_trail": trail, "children": children},
    )
