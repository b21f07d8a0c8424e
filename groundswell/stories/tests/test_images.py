"""Story images: who may fetch them, and how long a copy may be kept (stories.views.story_image)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from groundswell.accounts.models import User
from groundswell.core.testing.factories import StoryFactory
from groundswell.moderation import services as moderation_services
from groundswell.stories import services
from groundswell.stories.models import Story

pytestmark = pytest.mark.django_db


def story_with_image(author: User, **fields: object) -> Story:
    buf = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buf, format="JPEG")
    story = StoryFactory.create(author=author, image_alt="A red square", **fields)
    story.image.save("d41d8cd98f00b204e9800998ecf8427e.jpg", ContentFile(buf.getvalue()))
    return story


def fetch(client: Client, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    if response.streaming:  # read the file to the end, which closes it as a server would
        b"".join(response.streaming_content)
    return response


def test_public_image_may_be_kept_but_must_be_checked_before_each_use(
    client_for: Callable[..., Client], owner: User
) -> None:
    url = story_with_image(owner).image.url
    served = fetch(client_for(None), url)
    assert served.status_code == 200
    directives = {d.strip() for d in served["Cache-Control"].split(",")}
    assert directives == {"public", "no-cache"}  # no max-age: never used without asking
    assert served["ETag"]
    # Asking again while the story is visible costs a 304, without the image.
    again = fetch(client_for(None), url, if_none_match=served["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == served["Cache-Control"]


def test_withdrawn_storys_image_is_gone_at_once_even_for_a_kept_copy(
    client_for: Callable[..., Client], owner: User, member: User
) -> None:
    story = story_with_image(owner)
    url = story.image.url
    etag = fetch(client_for(None), url)["ETag"]
    services.story_withdraw(story=story, actor=owner)
    for client in (client_for(None), client_for(member)):
        assert fetch(client, url).status_code == 404
    # A browser or proxy checking its copy is not told to keep using it.
    assert fetch(client_for(None), url, if_none_match=etag).status_code == 404


def test_hidden_storys_image_is_gone_for_a_kept_copy(
    client_for: Callable[..., Client], owner: User, moderator: User
) -> None:
    story = story_with_image(owner)
    url = story.image.url
    etag = fetch(client_for(None), url)["ETag"]
    moderation_services.item_hide(item=story, actor=moderator, reason="Shows a patient's face")
    assert fetch(client_for(None), url, if_none_match=etag).status_code == 404


def test_members_only_image_is_never_stored(
    client_for: Callable[..., Client], owner: User, member: User
) -> None:
    url = story_with_image(owner, audience="members").image.url
    assert fetch(client_for(None), url).status_code == 404
    served = fetch(client_for(member), url)
    assert served.status_code == 200
    assert "public" not in served["Cache-Control"] and "no-store" in served["Cache-Control"]


def test_image_of_a_story_made_members_only_is_not_revalidated_for_visitors(
    client_for: Callable[..., Client], owner: User
) -> None:
    story = story_with_image(owner)
    url = story.image.url
    etag = fetch(client_for(None), url)["ETag"]
    Story.objects.filter(pk=story.pk).update(audience="members")
    assert fetch(client_for(None), url, if_none_match=etag).status_code == 404
