"""Uploaded images: checked, re-encoded and stripped of metadata (EXIF, GPS) before storage."""

from __future__ import annotations

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
MAX_SIDE = 1600


def reencode(upload: UploadedFile) -> tuple[str, ContentFile[bytes]]:
    """Return a safe file name and a freshly encoded image with no metadata.

    Raises ValidationError with a message a person can act on.
    """
    if upload.size is not None and upload.size > settings.STORY_IMAGE_MAX_BYTES:
        limit_mb = settings.STORY_IMAGE_MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            {"image": f"This image is too large. Please choose one under {limit_mb} MB."}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    {"image": "This image has too many pixels. Please use a smaller one."}
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as opened:
            opened.load()
            img: Image.Image = ImageOps.exif_transpose(opened)
            has_alpha = img.mode in ("RGBA", "LA") or (
                img.mode == "P" and "transparency" in img.info
            )
            img = img.convert("RGBA" if has_alpha else "RGB")
            img.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            if has_alpha:
                img.save(out, format="PNG", optimize=True)
                ext = "png"
            else:
                img.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
                ext = "jpg"
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        SyntaxError,
    ) as exc:
        raise ValidationError(
            {
                "image": "We couldn't read this file as an image. Please use a JPEG, PNG, GIF or WebP."
            }
        ) from exc
    return f"{uuid.uuid4().hex}.{ext}", ContentFile(out.getvalue())
