from __future__ import annotations

import uuid

from django import template

from groundswell.core.urls import fast_reverse

register = template.Library()


@register.simple_tag
def new_uuid() -> str:
    """A fresh idempotency key for a form, so a double submit creates one record."""
    return str(uuid.uuid4())


@register.filter
def dom_id(obj: object) -> str:
    """A stable element id for a model instance, e.g. "story-12"."""
    meta = getattr(obj, "_meta", None)
    return f"{meta.model_name if meta else 'item'}-{getattr(obj, 'pk', '')}"


@register.simple_tag
def link(viewname: str, *args: int | str) -> str:
    """{% link 'stories:detail' story.pk %}: {% url %} for links printed many times on a page."""
    return fast_reverse(viewname, *args)
