"""Uploaded images: checked, re-encoded and stripped of metadata (EXIF, GPS) before storage."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from groundswell.core.uploads import MAX_PIXELS, reencode_image

__all__ = ["MAX_PIXELS", "MAX_SIDE", "reencode"]

MAX_SIDE = 1600


def reencode(upload: UploadedFile) -> tuple[str, ContentFile[bytes]]:
    """Return a safe file name and a freshly encoded image with no metadata (core/uploads.py).

    Raises ValidationError with a message a person can act on.
    """
    return reencode_image(
        upload, field="image", max_bytes=settings.STORY_IMAGE_MAX_BYTES, max_side=MAX_SIDE
    )
