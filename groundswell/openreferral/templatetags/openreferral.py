"""{% load openreferral %}{% organisation_source organisation %}: "From Open Referral UK: …" on
an imported organisation's page (assets carry their own `source`: include
openreferral/_source.html with source=asset.source)."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist

register = template.Library()


@register.inclusion_tag("openreferral/_source.html")
def organisation_source(organisation: Any) -> dict[str, str]:
    try:
        imported = organisation.oruk_source
    except (ObjectDoesNotExist, AttributeError):
        return {"source": ""}
    return {"source": imported.source}
