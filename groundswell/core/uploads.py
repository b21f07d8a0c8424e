"""Uploads over the size limit are dropped as they arrive, never written to disk.

Django writes an upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file before any
form sees it, so without this a 2 GB "image" would fill the disk before the form said it was too
large, and several at once could fill it for everyone. `SizeLimitHandler` runs first: once a file
passes `settings.STORY_IMAGE_MAX_BYTES` (the limit for every image upload) it skips the rest of that file (Django discards it as it reads)
and the other fields are still read, so the form comes back with the person's words and a clear
message (`oversized`).

`reencode_image` decodes an accepted image and encodes it afresh without metadata: story images
(stories/images.py) and organisation logos use it.
"""

from __future__ import annotations

import io
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest
from PIL import Image, ImageOps, UnidentifiedImageError

_ATTRIBUTE = "groundswell_oversized_uploads"


class SizeLimitHandler(FileUploadHandler):
    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.STORY_IMAGE_MAX_BYTES:
            oversized: set[str] = getattr(self.request, _ATTRIBUTE, set())
            oversized.add(self.field_name)
            setattr(self.request, _ATTRIBUTE, oversized)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the file


def oversized(request: HttpRequest) -> frozenset[str]:
    """Names of the file fields whose upload was over the limit and dropped. Read after
    request.FILES (reading it is what parses the upload)."""
    return frozenset(getattr(request, _ATTRIBUTE, ()))


MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding


def reencode_image(
    upload: UploadedFile, *, field: str, max_bytes: int, max_side: int = 1600
) -> tuple[str, ContentFile[bytes]]:
    """Decode an uploaded image and encode it afresh: a safe random file name and a JPEG (or a
    PNG when it has transparency) with no metadata (EXIF, GPS), at most `max_side` pixels a side.

    Raises ValidationError({field: message}) with a message a person can act on.
    """
    if upload.size is not None and upload.size > max_bytes:
        limit_mb = max_bytes // (1024 * 1024)
        raise ValidationError(
            {field: f"This image is too large. Please choose one under {limit_mb} MB."}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    {field: "This image has too many pixels. Please use a smaller one."}
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
            img.thumbnail((max_side, max_side))
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
            {field: "We couldn't read this file as an image. Please use a JPEG, PNG, GIF or WebP."}
        ) from exc
    return f"{uuid.uuid4().hex}.{ext}", ContentFile(out.getvalue())
