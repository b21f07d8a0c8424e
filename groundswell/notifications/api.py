"""The notifications app's API routes, mounted by groundswell.api (api/routers.py), which keeps
tokens, auth, limits and errors. Only the person's own notifications, with a token or a
signed-in session for reads; changes need a write token."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, member, writer
from groundswell.api.endpoints.common import responses
from groundswell.api.errors import field_error
from groundswell.api.schemas import Strict
from groundswell.core.urls import absolute_url
from groundswell.notifications import permissions, preferences, registry, selectors, services
from groundswell.notifications.models import EmailDelivery, Notification

router = Router(tags=["Notifications"])

Delivery = Literal["immediate", "daily", "weekly", "never"]


class NotificationOut(Schema):
    id: int
    type: str
    text: str = Field(description="What happened, as the inbox says it.")
    title: str = Field(description="What it is about, or empty when you may no longer see it.")
    url: str | None = Field(description="Where it leads, or null when it is no longer available.")
    created_at: datetime
    read: bool


class NotificationPage(Schema):
    items: list[NotificationOut]
    next_before: int | None = Field(description="Pass as `before` for the next, older page.")


class UnreadOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int


class PreferenceOut(Schema):
    type: str
    label: str
    description: str
    in_site: bool
    email: Delivery


class PreferencesOut(Schema):
    types: list[PreferenceOut]
    emails_off: bool = Field(description="No notification emails at all, whatever each type says.")


class PreferenceIn(Strict):
    type: str = Field(max_length=40)
    in_site: bool
    email: Delivery


class PreferencesIn(Strict):
    types: list[PreferenceIn] = Field(default_factory=list, max_length=100)
    emails_off: bool | None = None


class ListFilters(Schema):
    unread: bool = False
    before: int | None = Field(
        None, ge=1, le=2**62, description="Only notifications older than this id."
    )
    limit: int = Field(20, ge=1, le=100)


def _out(entry: selectors.Entry) -> dict[str, Any]:
    n = entry.notification
    return {
        "id": n.pk,
        "type": n.type_key,
        "text": entry.text,
        "title": entry.title,
        "url": absolute_url(entry.url) if entry.url else None,
        "created_at": n.created_at,
        "read": n.read_at is not None,
    }


@router.get(
    "/notifications",
    response=responses({200: NotificationPage}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Your notifications, newest first",
)
def notification_list(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, Any]:
    user = member(request)
    qs = Notification.objects.filter(recipient=user).in_inbox()
    if filters.unread:
        qs = qs.unread()
    if filters.before is not None:
        qs = qs.filter(pk__lt=filters.before)
    rows = list(qs.order_by("-id")[: filters.limit + 1])
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    return {
        "items": [_out(e) for e in selectors.entries(rows, user)],
        "next_before": rows[-1].pk if more else None,
    }


@router.get(
    "/notifications/unread-count",
    response=responses({200: UnreadOut}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="How many notifications you haven't read",
)
def notification_unread_count(request: HttpRequest) -> dict[str, int]:
    return {"unread": selectors.unread_count(member(request))}


@router.post(
    "/notifications/{notification_id}/read",
    response=responses({200: NotificationOut}, write=True),
    auth=WRITE_AUTH,
    summary="Mark one notification as read",
)
def notification_mark_read(request: HttpRequest, notification_id: int) -> dict[str, Any]:
    user = writer(request)
    try:
        notification = permissions.get_notification_for_user(user, notification_id)
    except Http404 as exc:
        raise HttpError(404, _("No such notification.")) from exc
    services.notification_mark_read(user=user, notification=notification)
    return _out(selectors.entries([notification], user)[0])


@router.post(
    "/notifications/read-all",
    response=responses({200: MarkedOut}, write=True),
    auth=WRITE_AUTH,
    summary="Mark all your notifications as read",
)
def notification_mark_all_read(request: HttpRequest) -> dict[str, int]:
    return {"marked": services.notifications_mark_all_read(user=writer(request))}


def _preferences(user: Any) -> dict[str, Any]:
    choices = preferences.choices_for(user)
    return {
        "types": [
            {
                "type": t.key,
                "label": str(t.label),
                "description": str(t.description),
                "in_site": choices[t.key].in_site,
                "email": choices[t.key].email,
            }
            for t in registry.types()
        ],
        "emails_off": preferences.emails_off(user),
    }


@router.get(
    "/notifications/preferences",
    response=responses({200: PreferencesOut}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="How you hear about each kind of notification",
)
def notification_preferences(request: HttpRequest) -> dict[str, Any]:
    return _preferences(member(request))


@router.put(
    "/notifications/preferences",
    response=responses({200: PreferencesOut}, write=True),
    auth=WRITE_AUTH,
    summary="Change how you hear about notifications",
)
def notification_preferences_update(request: HttpRequest, payload: PreferencesIn) -> dict[str, Any]:
    """Types you leave out keep their setting; an unknown type is a 422."""
    user = writer(request)
    unknown = [p.type for p in payload.types if registry.find_type(p.type) is None]
    if unknown:
        raise field_error("types", f"Unknown notification type: {unknown[0][:40]}.")
    with transaction.atomic():
        services.preferences_save(
            user=user,
            choices={
                p.type: preferences.Choice(in_site=p.in_site, email=EmailDelivery(p.email))
                for p in payload.types
            },
        )
        if payload.emails_off is not None:
            services.emails_set_off(user=user, off=payload.emails_off)
    return _preferences(user)
