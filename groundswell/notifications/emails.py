"""Notification emails: one notification straight away, or a daily or weekly summary.

Every email carries a one-click unsubscribe (RFC 8058): `List-Unsubscribe` with a signed https
link (and a mailto address when NOTIFICATIONS_UNSUBSCRIBE_MAILTO is set) and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`. Links come from SITE_URL
(core.urls.absolute_url). For privacy an email names who acted (as they are shown on the site)
and links to the site, but never quotes a title or the words of a post: email is not a safe
place for health stories, and a title may have been withdrawn since.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from groundswell.core.urls import absolute_url
from groundswell.notifications import registry, selectors, tokens
from groundswell.notifications.models import Digest, DigestPeriod, Notification


def unsubscribe_url(*, user_id: int, type_key: str = "") -> str:
    token = tokens.make_token(user_id=user_id, type_key=type_key)
    return absolute_url(reverse("notifications:unsubscribe", args=[token]))


def _headers(url: str, user_id: int, type_key: str) -> dict[str, str]:
    targets = [f"<{url}>"]
    mailto = getattr(settings, "NOTIFICATIONS_UNSUBSCRIBE_MAILTO", "")
    if mailto:
        token = tokens.make_token(user_id=user_id, type_key=type_key)
        targets.append(f"<mailto:{mailto}?subject=unsubscribe%20{token}>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def notification_message(notification: Notification) -> EmailMessage:
    recipient = notification.recipient
    entry = selectors.entries([notification], recipient)[0]
    ntype = registry.find_type(notification.type_key)
    unsubscribe = unsubscribe_url(user_id=recipient.pk, type_key=notification.type_key)
    body = render_to_string(
        "notifications/email/notification.txt",
        {
            "text": entry.text,
            "link": absolute_url(entry.open_url),
            "type_label": ntype.label if ntype else "",
            "settings_url": absolute_url(reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe,
            "site_name": settings.SITE_NAME,
        },
    )
    return EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{entry.text}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers=_headers(unsubscribe, recipient.pk, notification.type_key),
    )


def digest_message(digest: Digest) -> EmailMessage:
    user = digest.user
    notifications = list(digest.notifications.order_by("-created_at", "-id")[: digest.item_count])
    lines = [
        {"text": e.text, "link": absolute_url(e.open_url)}
        for e in selectors.entries(notifications, user)
    ]
    unsubscribe = unsubscribe_url(user_id=user.pk)
    when = "today" if digest.period == DigestPeriod.DAILY else "this week"
    body = render_to_string(
        "notifications/email/digest.txt",
        {
            "lines": lines,
            "when": when,
            "inbox_url": absolute_url(reverse("notifications:inbox")),
            "settings_url": absolute_url(reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe,
            "site_name": settings.SITE_NAME,
        },
    )
    count = len(lines)
    noun = "notification" if count == 1 else "notifications"
    return EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{count} new {noun} {when}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers=_headers(unsubscribe, user.pk, ""),
    )
