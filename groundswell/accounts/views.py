from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from groundswell.accounts import permissions
from groundswell.accounts.forms import ProfileForm
from groundswell.accounts.models import User
from groundswell.accounts.services import profile_get_or_create, profile_update
from groundswell.core.pagecache import cache_for_anonymous
from groundswell.stories.models import Story
from groundswell.stories.selectors import feed_page


@cache_for_anonymous(scopes=("list:stories",))
def profile(request: HttpRequest, handle: str) -> HttpResponse:
    prof = permissions.get_profile_for_user(request.user, handle)
    person = prof.user
    visible = permissions.visible_profile_fields(request.user, prof)
    # Only stories published under their own name: never pseudonymous or anonymous ones.
    qs = Story.objects.visible_to(request.user).named_by(person)
    page = feed_page(qs, cursor=request.GET.get("after"))
    context = {
        "person": person,
        "profile": prof,
        "visible": visible,
        "topics": list(prof.topics.all()) if "topics" in visible and prof.pk else [],
        "page": page,
        "is_me": request.user.is_authenticated and request.user.pk == person.pk,
    }
    return render(request, "accounts/profile.html", context)


@never_cache
@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User):  # login_required guarantees this
        raise PermissionDenied
    prof = profile_get_or_create(user=user)
    initial = {
        "display_name": user.display_name,
        "pronouns": prof.pronouns,
        "pronouns_visibility": prof.pronouns_visibility,
        "bio": prof.bio,
        "bio_visibility": prof.bio_visibility,
        "roles": prof.roles,
        "roles_visibility": prof.roles_visibility,
        "home_place": prof.home_place_id,
        "home_place_visibility": prof.home_place_visibility,
        "topics": list(prof.topics.all()),
        "topics_visibility": prof.topics_visibility,
    }
    form = ProfileForm(
        request.POST if request.method == "POST" else None, initial=initial, user=user
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        topics = data.pop("topics")
        display_name = data.pop("display_name")
        profile_update(user=user, display_name=display_name, fields=data, topics=topics)
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile_edit")
    return render(request, "accounts/profile_edit.html", {"form": form, "person": user})
