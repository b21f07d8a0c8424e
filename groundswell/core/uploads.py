"""Uploads over the size limit are dropped as they arrive, never written to disk.

Django writes an upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file before any
form sees it, so without this a 2 GB "image" would fill the disk before the form said it was too
large, and several at once could fill it for everyone. `SizeLimitHandler` runs first: once a file
passes `settings.STORY_IMAGE_MAX_BYTES` (story images are the only uploads) it skips the rest of that file (Django discards it as it reads)
and the other fields are still read, so the form comes back with the person's words and a clear
message (`oversized`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

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
