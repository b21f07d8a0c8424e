"""Notification emails: one notification straight away, or a daily or weekly summary.

Every email carries a one-click unsubscribe (RFC 8058): `List-Unsubscribe` with a signed https
link (and a mailto address when NOTIFICATIONS_UNSUBSCRIBE_MAILTO is set) and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`. Links come from SITE_URL
(core.urls.absolute_url). For privacy an email names who acted (as they are shown on the site)
and links to the site, but never quotes a title or the words of a post: email is not a safe
place for health stories, and a title may have been withdrawn since.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groundswell.core.urls import absolute_url
from groundswell.notifications import registry, selectors, tokens
from groundswell.notifications.models import Digest, DigestPeriod, Notification
from groundswell.sitepages.identity import email_subject_prefix, from_email, site_name


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
            "site_name": site_name(),
        },
    )
    return EmailMessage(
        subject=f"{email_subject_prefix()}{entry.text}",
        body=body,
        from_email=from_email(),
        to=[recipient.email],
        headers=_headers(unsubscribe, recipient.pk, notification.type_key),
    )


def digest_messages(digest_ids: list[int]) -> Iterator[tuple[int, EmailMessage]]:
    """(digest id, message) for these summaries, built together in two queries. A summary
    never quotes a title, so its lines need no visibility check: each names the type and the
    actor as they were shown, and links through the site, which checks when it is followed."""
    digests = list(Digest.objects.filter(pk__in=digest_ids).select_related("user").order_by("pk"))
    listed: dict[int | None, list[Notification]] = defaultdict(list)
    for n in (
        Notification.objects.filter(digest_id__in=digest_ids)
        .order_by("digest_id", "-created_at", "-id")
        .only("id", "digest_id", "type_key", "actor_label")
    ):
        listed[n.digest_id].append(n)
    for digest in digests:
        yield digest.pk, _digest_message(digest, listed[digest.pk][: digest.item_count])


def _digest_message(digest: Digest, notifications: list[Notification]) -> EmailMessage:
    user = digest.user
    lines = [
        {"text": selectors.text_of(n), "link": absolute_url(selectors.open_url(n))}
        for n in notifications
    ]
    unsubscribe = unsubscribe_url(user_id=user.pk)
    daily = digest.period == DigestPeriod.DAILY
    when = _("today") if daily else _("this week")
    body = render_to_string(
        "notifications/email/digest.txt",
        {
            "lines": lines,
            "when": when,
            "inbox_url": absolute_url(reverse("notifications:inbox")),
            "settings_url": absolute_url(reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe,
            "site_name": site_name(),
        },
    )
    count = len(lines)
    if daily:
        about = ngettext(
            "%(count)d new notification today", "%(count)d new notifications today", count
        )
    else:
        about = ngettext(
            "%(count)d new notification this week", "%(count)d new notifications this week", count
        )
    return EmailMessage(
        subject=f"{email_subject_prefix()}{about % {'count': count}}",
        body=body,
        from_email=from_email(),
        to=[user.email],
        headers=_headers(unsubscribe, user.pk, ""),
    )
