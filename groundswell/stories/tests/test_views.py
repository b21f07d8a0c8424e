from __future__ import annotations

import io
import re
import uuid

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.urls import reverse
from PIL import Image

from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.testing.factories import (
    CommentFactory,
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.stories.models import Comment, Status, Story, StoryConsent

pytestmark = pytest.mark.django_db


def story_post(topic, **overrides):
    data = {
        "kind": "story",
        "title": "Finding a carers' group in Splott",
        "body": "After Dad's stroke I didn't know anyone else **caring**.",
        "topics": [str(topic.pk)],
        "place": "",
        "identity": "named",
        "pseudonym": "",
        "audience": "public",
        "image_alt": "",
        "submission_key": str(uuid.uuid4()),
        "action": "publish",
    }
    data.update(overrides)
    return data


def test_write_consent_and_publish_end_to_end(client_for, owner):
    topic = TopicFactory()
    client = client_for(owner)
    response = client.post(reverse("stories:create"), story_post(topic))
    story = Story.objects.get(author=owner)
    assert response.status_code == 302 and response["Location"] == reverse(
        "stories:publish", args=[story.pk]
    )
    page = client.get(response["Location"])
    assert "may contain information about your health" in page.content.decode()
    refused = client.post(response["Location"], {})
    assert "Please confirm you understand" in refused.content.decode()
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    done = client.post(response["Location"], {"consent": "on"})
    assert done.status_code == 302
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert StoryConsent.objects.filter(story=story).count() == 1
    home = client_for(None).get("/")
    assert "Finding a carers&#x27; group in Splott" in home.content.decode()


def test_invalid_form_keeps_what_was_typed_and_summarises_errors(client_for, owner):
    topic = TopicFactory()
    body = "My words that must not be lost — with emoji 🌱 and ünïcode."
    response = client_for(owner).post(
        reverse("stories:create"), story_post(topic, title="", body=body, identity="pseudonym")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter a pseudonym" in html
    assert "My words that must not be lost — with emoji 🌱 and ünïcode." in html
    assert not Story.objects.exists()


def test_double_submit_of_the_form_makes_one_story(client_for, owner):
    topic = TopicFactory()
    data = story_post(topic)
    client = client_for(owner)
    client.post(reverse("stories:create"), data)
    client.post(reverse("stories:create"), data)
    assert Story.objects.filter(author=owner).count() == 1


def test_pseudonym_cannot_be_your_own_name(client_for, owner):
    topic = TopicFactory()
    response = client_for(owner).post(
        reverse("stories:create"), story_post(topic, identity="pseudonym", pseudonym="Olu Owner")
    )
    assert "Choose a pseudonym people can" in response.content.decode()


def test_oversized_body_gets_a_clear_message(client_for, owner, settings):
    topic = TopicFactory()
    response = client_for(owner).post(
        reverse("stories:create"), story_post(topic, body="a" * (settings.STORY_BODY_MAX_CHARS + 1))
    )
    assert "the limit is 20,000" in response.content.decode()


def test_session_timeout_keeps_the_text_through_sign_in(client, owner):
    topic = TopicFactory()
    response = client.post(
        reverse("stories:create"), story_post(topic, body="Written before my session ran out.")
    )
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not Story.objects.exists()
    client.force_login(owner)  # keeps the session's data, as a real sign-in does
    page = client.get(reverse("stories:create"))
    assert "Written before my session ran out." in page.content.decode()


def _png_with_exif() -> io.BytesIO:
    img = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif.tobytes())
    buf.seek(0)
    buf.name = "photo.jpg"
    return buf


def test_image_is_reencoded_without_metadata_and_needs_alt_text(client_for, owner):
    topic = TopicFactory()
    client = client_for(owner)
    missing_alt = client.post(
        reverse("stories:create"), story_post(topic, image=_png_with_exif(), action="save")
    )
    assert "Describe the image" in missing_alt.content.decode()
    ok = client.post(
        reverse("stories:create"),
        story_post(topic, image=_png_with_exif(), image_alt="A red square", action="save"),
    )
    assert ok.status_code == 302
    story = Story.objects.get()
    with story.image.open("rb") as fh:
        data = fh.read()
    assert b"SecretCameraMaker" not in data
    assert story.image_alt == "A red square"


def test_an_image_over_the_limit_is_dropped_on_arrival_and_the_words_kept(
    client_for, owner, settings, monkeypatch
):
    """Never written to disk whole: the storing handler sees no more than the limit, and the form
    comes back with the person's words and what to do."""
    settings.STORY_IMAGE_MAX_BYTES = 1024 * 1024
    stored: list[int] = []
    real = TemporaryFileUploadHandler.receive_data_chunk

    def counting(self, raw_data, start):
        stored.append(len(raw_data))
        return real(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counting)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload goes through the temporary file
    big = io.BytesIO(b"\xff" * (8 * 1024 * 1024))
    big.name = "holiday.jpg"
    topic = TopicFactory()
    response = client_for(owner).post(
        reverse("stories:create"),
        story_post(topic, title="The lido in winter", image=big, image_alt="Frost on the water"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This image is over 1 MB; please choose one under 1 MB." in html
    assert "The lido in winter" in html and "Frost on the water" in html
    assert not Story.objects.exists()
    assert 0 < sum(stored) <= 1024 * 1024


def test_non_image_upload_is_refused_kindly(client_for, owner):
    topic = TopicFactory()
    fake = io.BytesIO(b"<script>alert(1)</script>")
    fake.name = "evil.png"
    response = client_for(owner).post(
        reverse("stories:create"), story_post(topic, image=fake, image_alt="x")
    )
    assert response.status_code == 200
    assert "image" in response.content.decode().lower()
    assert not Story.objects.exists()


def test_pseudonymous_story_never_shows_the_author(client_for, owner, member):
    story = StoryFactory(author=owner, identity="pseudonym", pseudonym="Quiet Heron")
    own_comment = CommentFactory(story=story, author=owner, body="Thanks everyone")
    for viewer in (None, member):
        html = client_for(viewer).get(reverse("stories:detail", args=[story.pk])).content.decode()
        assert "Quiet Heron" in html
        assert "Olu Owner" not in html
        assert reverse("accounts:profile", args=[owner.handle]) not in html
        assert f"comment-{own_comment.pk}" in html
    profile = (
        client_for(member).get(reverse("accounts:profile", args=[owner.handle])).content.decode()
    )
    assert story.title not in profile


def test_moderator_can_reveal_author_and_it_is_audited(client_for, owner, moderator, member):
    story = StoryFactory(author=owner, identity="anonymous")
    assert (
        client_for(member).post(reverse("stories:reveal_author", args=[story.pk])).status_code
        == 403
    )
    response = client_for(moderator).post(reverse("stories:reveal_author", args=[story.pk]))
    assert owner.email in response.content.decode()
    event = AuditEvent.objects.get()
    assert (
        event.action == AuditAction.IDENTITY_VIEWED
        and event.actor == moderator
        and event.target_id == str(story.pk)
    )


def test_comment_and_threaded_reply(client_for, member, outsider):
    story = StoryFactory()
    url = reverse("stories:comment_create", args=[story.pk])
    r = client_for(member).post(url, {"body": "Me too.", "submission_key": str(uuid.uuid4())})
    top = Comment.objects.get()
    assert r["Location"].endswith(f"#comment-{top.pk}")
    client_for(outsider).post(
        url,
        {"body": "Same, and it got better.", "parent": top.pk, "submission_key": str(uuid.uuid4())},
    )
    html = client_for(None).get(reverse("stories:detail", args=[story.pk])).content.decode()
    assert "Me too." in html and "Same, and it got better." in html
    assert html.index("Me too.") < html.index("Same, and it got better.")


def test_empty_comment_keeps_page_with_error(client_for, member):
    story = StoryFactory()
    r = client_for(member).post(reverse("stories:comment_create", args=[story.pk]), {"body": "   "})
    assert r.status_code == 400
    assert "Write something" in r.content.decode() or "This field is required" in r.content.decode()
    assert not Comment.objects.exists()


def test_reaction_buttons_toggle(client_for, member):
    story = StoryFactory()
    client = client_for(member)
    client.post(reverse("stories:react", args=[story.pk]), {"kind": "experienced"})
    story.refresh_from_db()
    assert story.experienced_count == 1
    r = client.post(
        reverse("stories:react", args=[story.pk]),
        {"kind": "experienced"},
        headers={"HX-Request": "true"},
    )
    assert 'aria-pressed="false"' in r.content.decode()
    story.refresh_from_db()
    assert story.experienced_count == 0
    assert (
        client.post(reverse("stories:react", args=[story.pk]), {"kind": "bogus"}).status_code == 400
    )


def test_unverified_member_cannot_post(client_for):
    person = UserFactory(verified=False)
    story = StoryFactory()
    client = client_for(person)
    assert client.get(reverse("stories:create")).status_code == 302
    assert (
        client.post(reverse("stories:comment_create", args=[story.pk]), {"body": "hi"}).status_code
        == 403
    )


def test_home_feed_keyset_pagination_reaches_every_story(client_for, settings):
    settings.FEED_PAGE_SIZE = 5
    stories = StoryFactory.create_batch(12)
    client = client_for(None)
    seen: list[str] = []
    url = "/"
    for _ in range(5):
        html = client.get(url).content.decode()
        seen += re.findall(r'href="/stories/(\d+)/"', html)
        match = re.search(r'rel="next" href="([^"]+)"', html)
        if not match:
            break
        url = "/" + match.group(1).replace("&amp;", "&")
    assert sorted(set(seen), key=int) == sorted({str(s.pk) for s in stories}, key=int)
    assert len(seen) == len(set(seen))


def test_bad_cursor_shows_first_page(client_for):
    StoryFactory()
    for cursor in ("%%%", "bm90LWEtY3Vyc29y", "MjAyNnwx", "x" * 3000):
        assert client_for(None).get("/", {"after": cursor}).status_code == 200


def test_place_list_includes_places_below(client_for):
    nation = PlaceFactory(name="Wales", slug="wales")
    city = PlaceFactory(name="Cardiff", slug="cardiff", level="county", parent=nation)
    hood = PlaceFactory(name="Splott", slug="splott", level="neighbourhood", parent=city)
    elsewhere = PlaceFactory(name="Scotland", slug="scotland")
    inside = StoryFactory(place=hood, title="Splott story")
    outside = StoryFactory(place=elsewhere, title="Glasgow story")
    html = client_for(None).get(reverse("places:detail", args=["wales"])).content.decode()
    assert inside.title in html and outside.title not in html


def test_topic_page_and_feed(client_for):
    topic = TopicFactory(name="Loneliness", slug="loneliness")
    public = StoryFactory(topics=[topic], title="Lunch club")
    private = StoryFactory(topics=[topic], title="Members lunch", audience="members")
    html = client_for(None).get(reverse("topics:detail", args=["loneliness"])).content.decode()
    assert public.title in html and private.title not in html
    feed = client_for(None).get(reverse("topics:feed", args=["loneliness"]))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert public.title in feed.content.decode() and private.title not in feed.content.decode()


def test_site_feed_shows_pseudonym_not_author(client_for, owner):
    StoryFactory(author=owner, identity="pseudonym", pseudonym="Night Owl")
    feed = client_for(None).get(reverse("stories:feed_site")).content.decode()
    assert "Night Owl" in feed and "Olu Owner" not in feed and owner.email not in feed


def test_kind_list_filters(client_for):
    idea = StoryFactory(kind="idea", title="Benches on the walk to the surgery")
    story = StoryFactory(kind="story", title="My first week with a stoma")
    html = client_for(None).get(reverse("stories:kind_list", args=["ideas"])).content.decode()
    assert idea.title in html and story.title not in html
    assert client_for(None).get("/browse/nonsense/").status_code == 404


def test_friendly_404(client_for):
    r = client_for(None).get("/stories/999999/")
    assert r.status_code == 404
    assert "can't find that page" in r.content.decode()


def test_withdraw_flow(client_for, owner):
    story = StoryFactory(author=owner)
    client = client_for(owner)
    client.post(reverse("stories:withdraw", args=[story.pk]))
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    assert client_for(None).get(reverse("stories:detail", args=[story.pk])).status_code == 404


def test_members_only_image_is_not_served_to_visitors(client_for, owner, member):
    topic = TopicFactory()
    client = client_for(owner)
    client.post(
        reverse("stories:create"),
        story_post(topic, image=_png_with_exif(), image_alt="A red square", audience="members"),
    )
    story = Story.objects.get()
    client.post(reverse("stories:publish", args=[story.pk]), {"consent": "on"})
    url = story.image.url
    assert client_for(None).get(url).status_code == 404
    served = client_for(member).get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    served.close()
