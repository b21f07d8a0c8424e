from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from groundswell.core.marks import SharedMarks
from groundswell.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def notifications_link(context: template.Context) -> SafeString:
    """The navigation's link to the inbox with the unread count (one query). A page rendered
    once for many members (core/marks.py) shows the link without a count: it can't be one
    member's."""
    request = context.get("request")
    user = getattr(request, "user", None)
    shared = isinstance(context.get("marks"), SharedMarks)
    count = 0 if shared or user is None else unread_count(user)
    return render_to_string("notifications/_nav_link.html", {"count": count})
