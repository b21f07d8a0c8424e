from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.audit.models import AuditAction
from groundswell.audit.services import audit_record
from groundswell.core import uploads
from groundswell.core.http import AuthenticatedHttpRequest, verify_email_first
from groundswell.core.marks import Marks, SharedMarks, slot
from groundswell.core.pagecache import cache_for_anonymous
from groundswell.places.models import Place
from groundswell.safeguarding.services import review_text
from groundswell.stories import member_page, permissions, selectors, services
from groundswell.stories.forms import CommentForm, ConsentForm, ReportForm, StoryForm
from groundswell.stories.models import (
    KIND_PLURALS,
    Audience,
    Identity,
    ReactionKind,
    Status,
    Story,
)
from groundswell.topics.models import Topic
from groundswell.trust.ratelimit import rate_limit

PENDING_KEY = "pending_story_form"
STASHED_FIELDS = (
    "kind",
    "title",
    "body",
    "topics",
    "place",
    "image_alt",
    "identity",
    "pseudonym",
    "audience",
    "submission_key",
)


def _form_errors_into_story_form(form: StoryForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def render_story_list(
    request: HttpRequest,
    qs: QuerySet[Story],
    *,
    heading: str,
    intro: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    sort = request.GET.get("sort", "recent")
    page = selectors.feed_page(qs, sort=sort, cursor=request.GET.get("after"))
    next_url = None
    if page.next_cursor:
        next_url = "?" + urlencode({"sort": page.sort, "after": page.next_cursor})
    context = {
        "page": page,
        "heading": heading,
        "intro": intro,
        "next_url": next_url,
        "sort": page.sort,
    }
    context.update(extra or {})
    return render(request, "stories/list.html", context)


@cache_for_anonymous(scopes=("list:stories",))
def home(request: HttpRequest) -> HttpResponse:
    qs = Story.objects.visible_to(request.user)
    return render_story_list(
        request,
        qs,
        heading=_("Stories, ideas and resources from the community"),
        intro=_(
            "People share what they have lived through, what helped, and what could be better. "
            "Read, react, and add your own."
        ),
        extra={"is_home": True, "topics": Topic.objects.current()},
    )


@cache_for_anonymous(scopes=("list:stories",))
def kind_list(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KIND_PLURALS:
        raise Http404
    value = KIND_PLURALS[kind]
    qs = Story.objects.visible_to(request.user).filter(kind=value)
    return render_story_list(request, qs, heading=kind.capitalize(), extra={"kind": value})


@login_required
def my_stories(request: AuthenticatedHttpRequest) -> HttpResponse:
    stories = (
        Story.objects.filter(author=request.user)
        .select_related("place", "author")
        .prefetch_related("topics")
        .order_by("-updated_at", "-id")[:200]
    )
    return render(request, "stories/my_stories.html", {"stories": stories})


def _stash_and_login(request: HttpRequest, next_url: str) -> HttpResponse:
    """The session ended while someone was writing: keep their words, ask them to sign in again."""
    request.session[PENDING_KEY] = {
        "path": next_url,
        "data": {k: request.POST.getlist(k) for k in STASHED_FIELDS},
    }
    messages.info(
        request,
        _(
            "Your session ended, so we kept what you wrote. Sign in again to carry on; nothing has been published."
        ),
    )
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def _restore_stash(request: HttpRequest, path: str) -> dict[str, Any] | None:
    stash = request.session.get(PENDING_KEY)
    if not stash or stash.get("path") != path:
        return None
    del request.session[PENDING_KEY]
    data = {k: v if k == "topics" else (v[0] if v else "") for k, v in stash["data"].items()}
    return data


@never_cache
@rate_limit("story")
def story_create(request: HttpRequest) -> HttpResponse:
    path = reverse("stories:create")
    if not request.user.is_authenticated:
        if request.method == "POST":
            return _stash_and_login(request, path)
        return redirect(f"{reverse('account_login')}?{urlencode({'next': path})}")
    if not permissions.has_verified_email(request.user):
        return verify_email_first(
            request,
            _("Please verify your email address before sharing. Check your inbox for the link."),
        )
    if request.method == "POST":
        form = StoryForm(
            request.POST, request.FILES, user=request.user, oversized=uploads.oversized(request)
        )
        if form.is_valid():
            try:
                story = services.story_save_draft(
                    author=request.user,
                    data=form.to_input(),
                    submission_key=form.cleaned_data.get("submission_key"),
                )
            except ValidationError as exc:
                _form_errors_into_story_form(form, exc)
            else:
                return _after_save(request, story)
    else:
        restored = _restore_stash(request, path)
        form = StoryForm(
            initial=restored or _posting_for(request, request.GET.get("organisation", "")),
            user=request.user,
        )
        if restored:
            messages.info(
                request, _("We restored what you were writing. Check it and save or continue.")
            )
    return render(request, "stories/form.html", {"form": form, "story": None})


def _after_save(request: HttpRequest, story: Story) -> HttpResponse:
    if request.POST.get("action") == "publish":
        return redirect("stories:publish", pk=story.pk)
    messages.success(request, _("Draft saved. Only you can see it."))
    return redirect("stories:edit", pk=story.pk)


@never_cache
@rate_limit("story")
def story_edit(request: HttpRequest, pk: int) -> HttpResponse:
    path = reverse("stories:edit", args=[pk])
    if not request.user.is_authenticated:
        if request.method == "POST":
            return _stash_and_login(request, path)
        return redirect(f"{reverse('account_login')}?{urlencode({'next': path})}")
    story = permissions.get_story_for_user(request.user, pk)
    if not permissions.can_edit_story(request.user, story):
        raise PermissionDenied
    if request.method == "POST":
        form = StoryForm(
            request.POST,
            request.FILES,
            # The pseudonym it has now may be kept (accounts.names.clean_pseudonym).
            initial={"pseudonym": story.pseudonym},
            user=request.user,
            has_image=bool(story.image),
            oversized=uploads.oversized(request),
            keep_topics=list(story.topics.values_list("pk", flat=True)),
            keep_place=story.place_id,
        )
        if form.is_valid():
            was_published = story.status == Status.PUBLISHED
            was_held = story.is_held_for_review
            try:
                story = services.story_edit(story=story, actor=request.user, data=form.to_input())
            except ValidationError as exc:
                _form_errors_into_story_form(form, exc)
            else:
                if was_published and story.status == Status.DRAFT:
                    messages.warning(
                        request,
                        _(
                            "You changed who can see this or how you are shown, so it is unpublished until you confirm again."
                        ),
                    )
                    return redirect("stories:publish", pk=story.pk)
                if story.status == Status.PUBLISHED and story.is_held_for_review and not was_held:
                    messages.info(
                        request,
                        _(
                            "Your changes are saved. Because you joined recently, a moderator will check "
                            "this story before it appears to others again. It is saved in My stories."
                        ),
                    )
                    return redirect("stories:detail", pk=story.pk)
                if story.status == Status.PUBLISHED:
                    messages.success(request, _("Your changes are saved and published."))
                    return redirect("stories:detail", pk=story.pk)
                return _after_save(request, story)
    else:
        restored = _restore_stash(request, path)
        initial = restored or {
            "kind": story.kind,
            "title": story.title,
            "body": story.body,
            "topics": list(story.topics.all()),
            "place": story.place_id,
            "image_alt": story.image_alt,
            "identity": story.identity,
            "pseudonym": story.pseudonym,
            "organisation": story.organisation_id,
            "audience": story.audience,
        }
        form = StoryForm(
            initial=initial,
            user=request.user,
            has_image=bool(story.image),
            keep_topics=list(story.topics.values_list("pk", flat=True)),
            keep_place=story.place_id,
        )
    return render(request, "stories/form.html", {"form": form, "story": story})


@never_cache
@login_required
def story_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = permissions.get_story_for_user(request.user, pk)
    if not permissions.can_edit_story(request.user, story):
        raise PermissionDenied
    statement = services.consent_statement_for(story)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.story_publish(story=story, actor=request.user, consented=True)
        except ValidationError as exc:  # e.g. a new member's stories per day (groundswell.trust)
            form.add_error(None, exc.messages)
            context = {"story": story, "form": form, "statement": statement}
            return render(request, "stories/publish.html", context)
        if story.is_held_for_review:
            messages.info(
                request,
                _(
                    "Thank you for sharing. Because you joined recently, a moderator will check it "
                    "before it appears to others. It is saved in My stories."
                ),
            )
        else:
            messages.success(request, _("Published. Thank you for sharing."))
        return redirect("stories:detail", pk=story.pk)
    return render(
        request, "stories/publish.html", {"story": story, "form": form, "statement": statement}
    )


@never_cache
@login_required
def story_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = permissions.get_story_for_user(request.user, pk)
    if story.author_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        was_draft = story.status == Status.DRAFT
        services.story_withdraw(story=story, actor=request.user)
        messages.success(
            request,
            _("Draft deleted.")
            if was_draft
            else _("Withdrawn. It is no longer visible to anyone else."),
        )
        return redirect("stories:my_stories")
    return render(request, "stories/withdraw.html", {"story": story})


@cache_for_anonymous(scopes=("story:{pk}",))
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    state = None
    if member_page.is_eligible(request):
        state = selectors.viewer_state(request.user, pk)
        response = member_page.serve(request, pk, state, _render_shared_story)
        if response is not None:
            return response
    story = permissions.get_story_for_user(request.user, pk)
    if state is None:
        state = selectors.viewer_state(request.user, story.pk)
    context = _story_context(request, story, viewer_id=request.user.pk)
    context["marks"] = Marks(state.flags)
    context["can_edit"] = permissions.can_edit_story(request.user, story)
    context["is_author"] = request.user.is_authenticated and story.author_id == request.user.pk
    context["can_reveal"] = permissions.can_reveal_author(request.user, story)
    return render(request, "stories/detail.html", context)


def _render_shared_story(request: HttpRequest, pk: int) -> tuple[Story, str] | None:
    """The story page as every member who is not its author sees it, with marks where they
    differ (member_page.py). None for the author, who sees edit and withdraw links."""
    story = permissions.get_story_for_user(request.user, pk)
    if story.author_id == request.user.pk:
        return None
    context = _story_context(request, story, viewer_id=None)
    context |= {
        "marks": SharedMarks(),
        "csrf_token": slot(member_page.CSRF_SLOT),
        "csp_nonce": slot(member_page.NONCE_SLOT),
        "messages": (),
        "can_edit": False,
        "is_author": False,
        "can_reveal": False,
    }
    return story, render_to_string("stories/detail.html", context, request)


def _story_context(request: HttpRequest, story: Story, *, viewer_id: int | None) -> dict[str, Any]:
    place_trail = (
        list(Place.objects.filter(pk__in=story.place.ancestor_ids).order_by("path")) + [story.place]
        if story.place
        else []
    )
    return {
        "story": story,
        "topics": list(story.topics.all()),
        "place_trail": place_trail,
        "comment_tree": selectors.comment_tree(story, viewer_id=viewer_id),
        "related": selectors.related_stories(story, request.user),
        "can_participate": permissions.can_participate(request.user, story),
        "comment_form": CommentForm(),
        "Identity": Identity,
    }


@require_POST
@login_required
def story_reveal_author(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A moderator looks behind a pseudonym or anonymous post. Always audit-logged."""
    story = permissions.get_story_for_user(request.user, pk)
    if not permissions.can_reveal_author(request.user, story):
        raise PermissionDenied
    audit_record(
        actor=request.user,
        action=AuditAction.IDENTITY_VIEWED,
        target=story,
        details={"identity": story.identity},
        request=request,
    )
    return render(request, "stories/reveal.html", {"story": story, "author": story.author})


def _participation_story(request: AuthenticatedHttpRequest, pk: int) -> Story:
    story = permissions.get_story_for_user(request.user, pk)
    if not permissions.can_participate(request.user, story):
        raise PermissionDenied
    return story


@require_POST
@login_required
@rate_limit("comment")
def comment_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = _participation_story(request, pk)
    form = CommentForm(request.POST)
    parent = None
    if form.is_valid():
        parent_id = form.cleaned_data.get("parent")
        if parent_id:
            parent = story.comments.filter(pk=parent_id, is_hidden=False).first()
            if parent is None:
                form.add_error(None, _("The comment you replied to is no longer available."))
    if form.is_valid():
        try:
            comment = services.comment_create(
                story=story,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=parent,
                submission_key=form.cleaned_data.get("submission_key"),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            if review_text(comment.body).shows_support:
                # Help lines first, as on the story publish page (moderators are told).
                return redirect("stories:comment_posted", pk=comment.pk)
            messages.success(request, _("Your comment is posted."))
            return HttpResponseRedirect(
                f"{reverse('stories:detail', args=[story.pk])}#comment-{comment.pk}"
            )
    return render(
        request,
        "stories/comment_form_page.html",
        {"story": story, "form": form, "parent": parent},
        status=400,
    )


def _posting_for(request: HttpRequest, slug: str) -> dict[str, Any]:
    """ "Post for <organisation>" links start the form as that organisation, if the person may."""
    from groundswell.organisations.permissions import orgs_user_can_post_as

    org = orgs_user_can_post_as(request.user).filter(slug=slug[:80]).first() if slug else None
    if org is None:
        return {}
    return {"identity": Identity.ORGANISATION, "organisation": org.pk}


@never_cache
@login_required
def comment_posted(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """After a comment that uses crisis language: it is posted, and here is who can help.
    Only its author sees this page."""
    comment = permissions.get_comment_for_user(request.user, pk)
    if comment.author_id != request.user.pk:
        raise Http404("No such comment")
    return render(request, "stories/comment_posted.html", {"comment": comment})


@never_cache
@login_required
def comment_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = permissions.get_comment_for_user(request.user, pk)
    if not permissions.can_edit_comment(request.user, comment):
        raise PermissionDenied
    form = CommentForm(
        request.POST if request.method == "POST" else None, initial={"body": comment.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(
                comment=comment, actor=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Your comment is updated."))
            return HttpResponseRedirect(
                f"{reverse('stories:detail', args=[comment.story_id])}#comment-{comment.pk}"
            )
    return render(request, "stories/comment_edit.html", {"comment": comment, "form": form})


@never_cache
@login_required
def comment_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = permissions.get_comment_for_user(request.user, pk)
    if not permissions.can_edit_comment(request.user, comment):
        raise PermissionDenied
    if request.method == "POST":
        services.comment_delete(comment=comment, actor=request.user)
        messages.success(request, _("Your comment is deleted."))
        return redirect("stories:detail", pk=comment.story_id)
    return render(request, "stories/comment_delete.html", {"comment": comment})


def _reaction_kind(request: HttpRequest) -> str:
    kind = request.POST.get("kind", "")
    if kind not in ReactionKind.values:
        raise ValidationError(_("Unknown reaction"))
    return kind


@require_POST
@login_required
def story_react(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = _participation_story(request, pk)
    try:
        kind = _reaction_kind(request)
    except ValidationError:
        return HttpResponse("Unknown reaction.", status=400)
    services.reaction_toggle(user=request.user, kind=kind, story=story)
    if request.htmx:  # type: ignore[attr-defined]
        story.refresh_from_db(fields=["experienced_count", "helped_count"])
        return render(
            request,
            "stories/_reactions.html",
            {
                "target": story,
                "marks": Marks(selectors.viewer_state(request.user, story.pk).flags),
                "action": reverse("stories:react", args=[story.pk]),
                "can_participate": True,
            },
        )
    return redirect("stories:detail", pk=story.pk)


@require_POST
@login_required
def comment_react(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = permissions.get_comment_for_user(request.user, pk)
    if (
        comment.is_deleted
        or comment.is_hidden
        or not permissions.can_participate(request.user, comment.story)
    ):
        raise PermissionDenied
    try:
        kind = _reaction_kind(request)
    except ValidationError:
        return HttpResponse("Unknown reaction.", status=400)
    services.reaction_toggle(user=request.user, kind=kind, comment=comment)
    if request.htmx:  # type: ignore[attr-defined]
        comment.refresh_from_db(fields=["experienced_count", "helped_count"])
        return render(
            request,
            "stories/_reactions.html",
            {
                "target": comment,
                "marks": Marks(selectors.viewer_state(request.user, comment.story_id).flags),
                "action": reverse("stories:comment_react", args=[comment.pk]),
                "can_participate": True,
            },
        )
    return HttpResponseRedirect(
        f"{reverse('stories:detail', args=[comment.story_id])}#comment-{comment.pk}"
    )


@require_POST
@login_required
def story_follow(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = _participation_story(request, pk)
    now_following = services.follow_toggle(user=request.user, story=story)
    messages.success(
        request,
        _("You are following this story.")
        if now_following
        else _("You stopped following this story."),
    )
    return redirect("stories:detail", pk=story.pk)


@never_cache
@login_required
def report(request: AuthenticatedHttpRequest, pk: int, target: str = "story") -> HttpResponse:
    if target == "comment":
        comment = permissions.get_comment_for_user(request.user, pk)
        story = comment.story
        if not permissions.can_participate(request.user, story):
            raise PermissionDenied
        obj: dict[str, Any] = {"comment": comment}
    else:
        story = _participation_story(request, pk)
        obj = {"story": story}
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.report_create(
            reporter=request.user,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
            **obj,
        )
        messages.success(
            request,
            _(
                "Thank you. A moderator will look at this. The person who wrote it won't know who reported it."
            ),
        )
        return redirect("stories:detail", pk=story.pk)
    return render(
        request, "stories/report.html", {"form": form, "story": story, "target": target, **obj}
    )


def story_image(request: HttpRequest, path: str) -> HttpResponseBase:
    """Serve an uploaded image only to people who may see its story (members-only stays members-only).

    Caching: withdrawing, hiding or narrowing the audience of a story takes effect at once, for its
    image as for its page. So a public story's image is `public, no-cache` with an ETag: browsers
    and shared caches may keep a copy but must ask before every use, and the answer is a 304
    without the body while the story is still visible to the asker, a 404 once it is not (the
    story is checked before the ETag is compared). Members-only images are never stored:
    `private, no-store`, as every response to a signed-in person is (PrivateCacheMiddleware).
    Every upload gets a new random file name, so the name (with the audience) is the ETag.
    """
    from django.http import FileResponse

    story = Story.objects.select_related("author").filter(image=path).first()
    if story is None or not permissions.can_view_story(request.user, story):
        raise Http404
    is_public = story.audience == Audience.PUBLIC
    headers = {
        "Cache-Control": "public, no-cache" if is_public else "private, no-store",
        "ETag": quote_etag(hashlib.sha256(f"{path}|{story.audience}".encode()).hexdigest()[:32]),
        "X-Content-Type-Options": "nosniff",
    }
    response: HttpResponseBase | None = get_conditional_response(request, etag=headers["ETag"])
    if response is None:
        try:
            handle = story.image.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(
            handle, content_type="image/png" if path.endswith(".png") else "image/jpeg"
        )
    for name, value in headers.items():
        response[name] = value
    return response
