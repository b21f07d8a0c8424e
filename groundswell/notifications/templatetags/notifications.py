from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from groundswell.core.templatetags.groundswell import count_link

register = template.Library()

# The value slot a page shared by many members (core/marks.py) leaves for the count. A "count:"
# slot nobody fills reads 0 (stories/member_page.py), which hides the badge; filling it with
# `values[UNREAD_SLOT] = str(unread_count(user))` shows each member their own.
UNREAD_SLOT = "count:notifications"


@register.simple_tag(takes_context=True)
def notifications_link(context: template.Context) -> SafeString:
    """The navigation's link to the inbox with the unread count (one query): core's count_link
    with this app's slot (registered in apps.py), so shared pages leave it for each member."""
    return count_link(context, "notifications:inbox", "Notifications", UNREAD_SLOT)
