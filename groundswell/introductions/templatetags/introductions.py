"""For other apps' templates: the "Introduce" link on an organisation's page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from groundswell.messaging.permissions import can_message_organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def introduce_url(context: dict[str, Any], organisation: Any) -> str:
    """The address of the form that introduces someone to `organisation`, or "" when the
    viewer may not write to it (messaging's rule, read from the role the page already loaded:
    no query). The form itself asks for a verified email address."""
    user = context["request"].user
    if not can_message_organisation(user, organisation):
        return ""
    return reverse("introductions:create") + "?" + urlencode({"org": organisation.slug})
