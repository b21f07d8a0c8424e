"""Building realistic data through the real services (consent records, counters, search index)."""

from __future__ import annotations

import io
import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from groundswell.accounts.models import User
from groundswell.stories import services as story_services
from groundswell.stories.models import Story


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def write_story(author: User, *, publish: bool = True, **fields: Any) -> Story:
    data = story_services.StoryInput(
        kind=fields.pop("kind", "story"),
        title=fields.pop("title", "My story"),
        body=fields.pop("body", "Some words about my health."),
        **fields,
    )
    story = story_services.story_save_draft(author=author, data=data)
    if publish:
        story_services.story_publish(story=story, actor=author, consented=True)
    return story


DOWNLOAD_LINK = re.compile(r'href="(/members/me/data/\d+/download/[^"/]+/)"')


def download_link(client: Client) -> str | None:
    page = client.get(reverse("privacy:data")).content.decode()
    match = DOWNLOAD_LINK.search(page)
    return match.group(1) if match else None


def body_of(response: Any) -> bytes:
    """The whole body. Reading a file response to the end closes its file (no ResourceWarning);
    the test client closes the response itself, and closing it again would drop the database
    connection on PostgreSQL."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return bytes(response.content)


def fetch(client: Client, url: str) -> tuple[int, bytes]:
    response = client.get(url)
    return response.status_code, body_of(response)
