"""The topics staff screen: administrators add, edit, retire and merge topics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.core.formerrors import add_errors
from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.core.staff import has_admin_powers
from groundswell.topics import services
from groundswell.topics.models import Topic
from groundswell.topics.staff_forms import MergeForm, TopicForm


def _require_admin(request: AuthenticatedHttpRequest) -> None:
    if not has_admin_powers(request.user):
        raise PermissionDenied


@never_cache
@login_required
def topic_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_admin(request)
    # How many stories carry each topic, whoever may see them: an administrator deciding whether
    # to merge or retire needs the size, and nothing about any one story shows.
    topics = list(
        Topic.objects.select_related("merged_into")
        .annotate(story_total=Count("stories"))
        .order_by("retired_at", "name")
    )
    return render(request, "topics/staff/list.html", {"topics": topics, "section": "topics"})


@never_cache
@login_required
def topic_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_admin(request)
    return _topic_form(request, None)


@never_cache
@login_required
def topic_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    return _topic_form(request, get_object_or_404(Topic, pk=pk))


def _topic_form(request: AuthenticatedHttpRequest, topic: Topic | None) -> HttpResponse:
    """Add a topic (None) or edit one: the same form, the service's refusals beside the fields."""
    initial = (
        {"name": topic.name, "slug": topic.slug, "description": topic.description}
        if topic
        else None
    )
    form = TopicForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("name", "slug", "description")}
        try:
            if topic is None:
                saved = services.topic_create(**fields, actor=request.user, request=request)
                done = _("%(name)s is added.")
            else:
                saved = services.topic_update(
                    topic=topic, **fields, actor=request.user, request=request
                )
                done = _("%(name)s is saved.")
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done % {"name": saved.name})
            return redirect("staff_topics:list")
    context: dict[str, object] = {"form": form, "topic": topic, "section": "topics"}
    if topic is not None:
        context["merge_form"] = MergeForm(source=topic)
    return render(request, "topics/staff/form.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def topic_merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    source = get_object_or_404(Topic, pk=pk)
    form = MergeForm(request.POST, source=source)
    if form.is_valid():
        try:
            target = services.topic_merge(
                source=source,
                target=form.cleaned_data["target"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(source)s is merged into %(target)s: its stories, followers and profiles "
                    "are there now, and its address leads there."
                )
                % {"source": source.name, "target": target.name},
            )
            return redirect("staff_topics:list")
    return render(
        request,
        "topics/staff/form.html",
        {
            "form": TopicForm(
                initial={
                    "name": source.name,
                    "slug": source.slug,
                    "description": source.description,
                }
            ),
            "topic": source,
            "merge_form": form,
            "section": "topics",
        },
        status=400,
    )


@require_POST
@login_required
def topic_retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    topic = get_object_or_404(Topic, pk=pk)
    restore = bool(request.POST.get("restore"))
    try:
        services.topic_retire(topic=topic, actor=request.user, restore=restore, request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if restore:
            messages.success(request, _("%(name)s is offered again.") % {"name": topic.name})
        else:
            messages.success(
                request,
                _(
                    "%(name)s is retired: nobody can choose it any more. Stories tagged with it "
                    "keep it."
                )
                % {"name": topic.name},
            )
    return redirect("staff_topics:list")
