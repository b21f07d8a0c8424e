"""For other apps' templates: the "Message" button on a member's or an organisation's page.
The navigation's unread count is core's count_link with the "count:messages" slot (apps.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from groundswell.messaging import permissions

register = template.Library()


@register.inclusion_tag("messaging/_message_button.html", takes_context=True)
def message_button(
    context: dict[str, Any], person: Any = None, organisation: Any = None
) -> dict[str, Any]:
    """A "Message" link for a member you may write to (connected, no block), or for an
    organisation's inbox; nothing otherwise."""
    user = context["request"].user
    url = ""
    if person is not None and permissions.can_message_person(user, person):
        url = reverse("messaging:new") + "?" + urlencode({"to": person.handle})
        name = person.public_name
    elif organisation is not None and permissions.can_message_organisation(user, organisation):
        url = reverse("messaging:new") + "?" + urlencode({"org": organisation.slug})
        name = organisation.name
    return {"url": url, "name": name if url else ""}
