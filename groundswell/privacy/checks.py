"""System checks: exports must never be stored where the web server serves files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
    except ValueError:
        return False
    return True


@register()
def check_export_root(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    root = Path(settings.PRIVACY_EXPORT_ROOT)
    errors: list[CheckMessage] = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        served = getattr(settings, name, None)
        if served and _inside(root, Path(served)):
            errors.append(
                Error(
                    f"PRIVACY_EXPORT_ROOT ({root}) is inside {name} ({served}).",
                    hint="Exports hold people's health stories: keep them in a private folder the web server does not serve.",
                    id="privacy.E001",
                )
            )
    return errors
