from __future__ import annotations

import uuid

from django import template

register = template.Library()


@register.simple_tag
def new_uuid() -> str:
    """A fresh idempotency key for a form, so a double submit creates one record."""
    return str(uuid.uuid4())
