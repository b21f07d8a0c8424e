from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from groundswell.core.marks import SharedMarks
from groundswell.notifications.selectors import unread_count

register = template.Library()

# The value slot a page shared by many members (core/marks.py) leaves for the count. A "count:"
# slot nobody fills reads 0 (stories/member_page.py), which hides the badge; filling it with
# `values[UNREAD_SLOT] = str(unread_count(user))` shows each member their own.
UNREAD_SLOT = "count:notifications"


@register.simple_tag(takes_context=True)
def notifications_link(context: template.Context) -> SafeString:
    """The navigation's link to the inbox with the unread count (one query). The badge is
    always there and hidden by CSS at 0, so a shared page's slot can be filled either way."""
    marks = context.get("marks")
    if isinstance(marks, SharedMarks):
        count = mark_safe(marks.value(UNREAD_SLOT, 0))  # noqa: S308 (a slot, no text from anyone)
    else:
        request = context.get("request")
        count = str(unread_count(getattr(request, "user", None)))
    return render_to_string("notifications/_nav_link.html", {"count": count})
