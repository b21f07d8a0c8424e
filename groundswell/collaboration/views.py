"""Pages for co-created resources, under /resources/. Each reads its input, checks with
permissions.py, makes one service call and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.accounts.models import User
from groundswell.collaboration import permissions, selectors, services
from groundswell.collaboration.diff import word_diff
from groundswell.collaboration.forms import (
    AcceptForm,
    DeclineForm,
    InviteForm,
    SuggestionForm,
    WordsForm,
)
from groundswell.collaboration.models import CoAuthorStatus, Suggestion, SuggestionStatus
from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.organisations.models import Organisation
from groundswell.stories.models import Story


def _errors_into(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@never_cache
def resource(request: HttpRequest, pk: int) -> HttpResponse:
    """Who made the resource, and for its makers: co-authors, invitations and suggestions."""
    story = permissions.get_resource_for_user(request.user, pk)
    is_maker = permissions.is_maker(request.user, story)
    context: dict[str, Any] = {
        "story": story,
        "credits": selectors.credits_for(story),
        "is_author": permissions.is_author(request.user, story),
        "is_maker": is_maker,
        "can_invite": is_maker and permissions.can_invite(request.user, story),
        "can_suggest": not is_maker and permissions.can_suggest(request.user, story),
        "my_role": permissions.coauthor_role_of(request.user, story),
    }
    if is_maker:
        context["coauthors"] = list(selectors.coauthor_rows(story))
        context["suggestions"] = list(selectors.pending_suggestions(story))
    elif request.user.is_authenticated:
        context["my_suggestions"] = list(
            Suggestion.objects.filter(story=story, suggester=request.user).order_by("-created_at")
        )
    return render(request, "collaboration/resource.html", context)


@never_cache
def history(request: HttpRequest, pk: int) -> HttpResponse:
    story = permissions.get_resource_for_user(request.user, pk)
    return render(
        request,
        "collaboration/history.html",
        {"story": story, "entries": selectors.history_for(story)},
    )


@never_cache
@login_required
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = permissions.get_resource_for_user(request.user, pk)
    if not permissions.can_invite(request.user, story):
        raise PermissionDenied
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = organisation = None
        if form.cleaned_data["handle"]:
            member = User.objects.filter(handle=form.cleaned_data["handle"], is_active=True).first()
            if member is None:
                form.add_error("handle", services.NOT_FOUND)
        else:
            organisation = Organisation.objects.filter(
                slug=form.cleaned_data["organisation"]
            ).first()
            if organisation is None or not organisation.is_active:
                form.add_error(
                    "organisation", _("We couldn't find an organisation with that address name.")
                )
        if not form.errors:
            try:
                invited = services.coauthor_invite(
                    story=story,
                    inviter=request.user,
                    member=member,
                    organisation=organisation,
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(
                    request,
                    _("Invitation sent. %(name)s can accept or decline it.")
                    % {"name": invited.name},
                )
                return redirect("collaboration:resource", pk=story.pk)
    status = 400 if form.errors else 200
    return render(
        request, "collaboration/invite.html", {"story": story, "form": form}, status=status
    )


@never_cache
@login_required
def invitations(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "collaboration/invitations.html",
        {"invitations": selectors.invitations_for(request.user)},
    )


@never_cache
@login_required
def invitation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    coauthor = permissions.get_invitation_for_user(request.user, pk)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            messages.error(request, _("Choose whether to accept or decline."))
            return redirect("collaboration:invitation", pk=coauthor.pk)
        if coauthor.status == CoAuthorStatus.PENDING and not permissions.can_respond(
            request.user, coauthor
        ):
            raise PermissionDenied
        services.coauthor_respond(coauthor=coauthor, actor=request.user, accept=answer == "accept")
        if coauthor.status == CoAuthorStatus.ACCEPTED:
            messages.success(request, _("You are now a co-author. You can edit the resource."))
        elif coauthor.status == CoAuthorStatus.DECLINED:
            messages.success(request, _("Invitation declined."))
        return redirect("collaboration:resource", pk=coauthor.story_id)
    context = {
        "coauthor": coauthor,
        "story": coauthor.story,
        "invited_by": selectors.person_label(coauthor.invited_by, coauthor.story),
        "can_respond": permissions.can_respond(request.user, coauthor),
    }
    return render(request, "collaboration/invitation.html", context)


@require_POST
@login_required
def coauthor_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    coauthor = permissions.get_invitation_for_user(request.user, pk)
    if not permissions.can_remove_coauthor(request.user, coauthor):
        raise PermissionDenied
    services.coauthor_remove(coauthor=coauthor, actor=request.user)
    messages.success(request, f"{coauthor.name} is no longer a co-author.")
    return redirect("collaboration:resource", pk=coauthor.story_id)


@require_POST
@login_required
def coauthor_leave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    coauthor = permissions.get_invitation_for_user(request.user, pk)
    if not permissions.can_leave(request.user, coauthor):
        raise PermissionDenied
    services.coauthor_leave(coauthor=coauthor, actor=request.user)
    messages.success(request, _("You are no longer a co-author of this resource."))
    return redirect("collaboration:resource", pk=coauthor.story_id)


@never_cache
@login_required
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The title and text, for the author and co-authors (who and how the author is shown,
    and who can see it, stay on the author's own edit page)."""
    story = permissions.get_resource_for_user(request.user, pk)
    if not permissions.can_edit_words(request.user, story):
        raise PermissionDenied
    if request.method == "POST":
        form = WordsForm(request.POST)
        if form.is_valid():
            try:
                services.resource_edit(
                    story=story,
                    editor=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("stories:detail", pk=story.pk)
    else:
        form = WordsForm(initial={"title": story.title, "body": story.body})
    status = 400 if form.errors else 200
    return render(request, "collaboration/edit.html", {"story": story, "form": form}, status=status)


@never_cache
@login_required
def suggest(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = permissions.get_resource_for_user(request.user, pk)
    if not permissions.can_suggest(request.user, story):
        raise PermissionDenied
    if request.method == "POST":
        form = SuggestionForm(request.POST)
        if form.is_valid():
            try:
                suggestion = services.suggestion_create(
                    story=story,
                    suggester=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    note=form.cleaned_data["note"],
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(
                    request, _("Thank you. The authors will see your suggestion and answer it.")
                )
                return redirect("collaboration:suggestion", pk=suggestion.pk)
    else:
        form = SuggestionForm(initial={"title": story.title, "body": story.body})
    status = 400 if form.errors else 200
    return render(
        request, "collaboration/suggest.html", {"story": story, "form": form}, status=status
    )


def _suggestion_page(
    request: HttpRequest,
    suggestion: Suggestion,
    *,
    accept_form: AcceptForm | None = None,
    decline_form: DeclineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    story: Story = suggestion.story
    can_decide = permissions.can_decide(request.user, suggestion)
    pending = suggestion.status == SuggestionStatus.PENDING
    context = {
        "suggestion": suggestion,
        "story": story,
        "suggester": suggestion.suggester.public_name,
        "decided_by": selectors.person_label(suggestion.decided_by, story)
        if suggestion.decided_at
        else "",
        "can_decide": can_decide,
        "out_of_date": pending and suggestion.is_out_of_date,
        # What the suggestion changes, from the words it was written against.
        "title_diff": word_diff(suggestion.base_title, suggestion.title),
        "body_diff": word_diff(suggestion.base_body, suggestion.body),
        # And, when those have changed since, from the words the resource has now.
        "now_title_diff": word_diff(story.title, suggestion.title),
        "now_body_diff": word_diff(story.body, suggestion.body),
        "accept_form": accept_form or AcceptForm(),
        "decline_form": decline_form or DeclineForm(),
    }
    return render(request, "collaboration/suggestion.html", context, status=status)


@never_cache
@login_required
def suggestion_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = permissions.get_suggestion_for_user(request.user, pk)
    return _suggestion_page(request, suggestion)


@require_POST
@login_required
def suggestion_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = permissions.get_suggestion_for_user(request.user, pk)
    if suggestion.status != SuggestionStatus.PENDING:
        return redirect("collaboration:suggestion", pk=suggestion.pk)
    if not permissions.can_decide(request.user, suggestion):
        raise PermissionDenied
    form = AcceptForm(request.POST)
    form.is_valid()
    try:
        services.suggestion_accept(
            suggestion=suggestion,
            actor=request.user,
            compared=bool(form.cleaned_data.get("compared")),
        )
    except ValidationError as exc:
        _errors_into(form, exc)
        return _suggestion_page(request, suggestion, accept_form=form, status=400)
    messages.success(request, _("Suggestion accepted. The resource now has the suggested text."))
    return redirect("collaboration:resource", pk=suggestion.story_id)


@require_POST
@login_required
def suggestion_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = permissions.get_suggestion_for_user(request.user, pk)
    if suggestion.status != SuggestionStatus.PENDING:
        return redirect("collaboration:suggestion", pk=suggestion.pk)
    if not permissions.can_decide(request.user, suggestion):
        raise PermissionDenied
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.suggestion_decline(
                suggestion=suggestion, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Suggestion declined. We've told the member who made it."))
            return redirect("collaboration:resource", pk=suggestion.story_id)
    return _suggestion_page(request, suggestion, decline_form=form, status=400)
