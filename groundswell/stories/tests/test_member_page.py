"""A signed-in member's story page comes from a copy shared by members (member_page.py): each
member must see exactly the page rendered for them, and nothing of anyone else's."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import CommentFactory, StoryFactory, UserFactory
from groundswell.moderation import services as moderation
from groundswell.stories import services
from groundswell.stories.models import Audience, Identity, ReactionKind, Status

pytestmark = pytest.mark.django_db

TOKENS = [
    (
        re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
        'name="csrfmiddlewaretoken" value=""',
    ),
    (re.compile(r'nonce="[^"]+"'), 'nonce=""'),
    (re.compile(r'name="submission_key" value="[0-9a-f-]{36}"'), 'name="submission_key" value=""'),
]


def normalised(html: str) -> str:
    """The page without the per-request tokens (CSRF, CSP nonce, idempotency keys)."""
    for pattern, repl in TOKENS:
        html = pattern.sub(repl, html)
    return html


def page(client, story) -> tuple[str, str]:
    response = client.get(reverse("stories:detail", args=[story.pk]))
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache", "")


@pytest.fixture
def thread(owner, member):
    """A story with a reply thread, reactions and a follow from `member`, and a comment of
    theirs; another member's comment has reactions of its own."""
    story = StoryFactory(author=owner, title="Waiting lists and the walking group")
    other = UserFactory(display_name="Cai Commenter")
    first = CommentFactory(story=story, author=other, body="I waited eight months.")
    mine = CommentFactory(story=story, author=member, parent=first, body="Same here, in Leeds.")
    CommentFactory(story=story, author=UserFactory(), parent=mine, body="And in Hull.")
    services.reaction_toggle(user=member, kind=ReactionKind.HELPED, story=story)
    services.reaction_toggle(user=member, kind=ReactionKind.EXPERIENCED, comment=first)
    services.reaction_toggle(user=other, kind=ReactionKind.HELPED, comment=first)
    services.follow_toggle(user=member, story=story)
    return story, first, mine


def test_every_member_sees_the_page_rendered_for_them(
    thread, member, outsider, client_for, settings
):
    story, first, mine = thread
    unverified = UserFactory(display_name="Una Unverified", verified=False)
    viewers = [outsider, member, unverified]
    # The shared copies are built by whoever comes first; each viewer is then served from them.
    shared = {}
    for viewer in viewers:
        page(client_for(viewer), story)
    for viewer in viewers:
        html, how = page(client_for(viewer), story)
        assert how == "member-hit"
        shared[viewer.pk] = html
    settings.MEMBER_PAGE_CACHE_SECONDS = 0  # now rendered for each viewer
    for viewer in viewers:
        html, how = page(client_for(viewer), story)
        assert how == ""
        assert normalised(shared[viewer.pk]) == normalised(html), viewer.display_name


def test_a_member_sees_their_own_marks_and_no_one_elses(thread, member, outsider, client_for):
    story, first, mine = thread
    html, _ = page(client_for(member), story)  # builds the shared copy with member's marks
    edit_mine = reverse("stories:comment_edit", args=[mine.pk])

    theirs, how = page(client_for(outsider), story)
    assert how == "member-hit"
    assert "is-on" not in theirs
    assert 'aria-pressed="true"' not in theirs
    assert "Follow for new comments" in theirs and "Unfollow" not in theirs
    assert edit_mine not in theirs

    assert reverse("stories:comment_report", args=[mine.pk]) in theirs

    html, how = page(client_for(member), story)
    assert how == "member-hit"
    assert "Unfollow" in html
    assert edit_mine in html
    # No "Report" on your own comment, as on your own story; others' comments keep theirs.
    assert reverse("stories:comment_report", args=[mine.pk]) not in html
    assert reverse("stories:comment_report", args=[first.pk]) in html
    assert html.count('aria-pressed="true"') == 2  # "This helped" on the story, one on a comment
    story_reactions = html[html.index('id="reactions-story-') :]
    assert re.search(r'class="reaction is-on" aria-pressed="true">This helped', story_reactions)
    first_reactions = html[html.index(f'id="reactions-comment-{first.pk}"') :]
    assert re.search(
        r'class="reaction is-on" aria-pressed="true">I\'ve experienced this too', first_reactions
    )


def test_counts_are_current_although_reactions_do_not_change_the_content_version(
    thread, member, outsider, client_for
):
    story, first, _ = thread
    client = client_for(outsider)
    html, _ = page(client, story)
    assert re.search(r'>This helped <span class="count" data-count="1">.*?1<', html)
    services.reaction_toggle(user=outsider, kind=ReactionKind.HELPED, story=story)
    html, how = page(client, story)
    assert how == "member-hit"
    assert re.search(
        r'is-on" aria-pressed="true">This helped <span class="count" data-count="2">.*?2<', html
    )


def test_a_count_of_nothing_is_marked_so_the_style_sheet_hides_it(owner, outsider, client_for):
    """Counts are slots filled per request, so a 0 is left in the page marked data-count="0"
    and the style sheet hides it: no "0" on a button, no "0 found this helpful"."""
    from pathlib import Path

    from django.conf import settings

    story = StoryFactory(author=owner)
    services.reaction_toggle(user=outsider, kind=ReactionKind.HELPED, story=story)
    html, _ = page(client_for(outsider), story)
    assert re.search(r'>I\'ve experienced this too <span class="count" data-count="0">', html)
    assert re.search(r'>This helped <span class="count" data-count="1">', html)
    unverified = UserFactory(verified=False)
    html, _ = page(client_for(unverified), story)
    assert '<span data-count="0">0 experienced this too</span>' in html
    assert '<span data-count="1">1 found this helpful</span>' in html
    css = (Path(settings.BASE_DIR) / "static" / "css" / "groundswell.css").read_text()
    assert '.reaction .count[data-count="0"]' in css
    assert '.reaction-counts [data-count="0"]' in css


def test_each_form_gets_its_own_submission_key(thread, outsider, client_for):
    story, _, _ = thread
    client = client_for(outsider)
    keys = []
    for _ in range(2):
        html, _ = page(client, story)
        keys += re.findall(r'name="submission_key" value="([0-9a-f-]{36})"', html)
    assert len(keys) == 2 * 4  # three reply forms and the comment form, on each visit
    assert len(set(keys)) == len(keys)


def test_a_comment_posted_twice_from_shared_pages_makes_two_comments(thread, outsider, client_for):
    """Each visit's form has its own key: two real comments are two comments, while the
    same form sent twice stays one."""
    story, _, _ = thread
    client = client_for(outsider)
    url = reverse("stories:comment_create", args=[story.pk])
    for body in ("First thought.", "Second thought."):
        html, _ = page(client, story)
        key = re.search(r'id="comment-form">.*?name="submission_key" value="([^"]+)"', html, re.S)
        assert key
        for _ in range(2):
            client.post(url, {"body": body, "submission_key": key.group(1)})
    assert story.comments.filter(author=outsider).count() == 2


def test_the_author_gets_their_own_page_and_it_never_reaches_others(
    thread, owner, outsider, client_for
):
    story, _, _ = thread
    html, how = page(client_for(owner), story)
    assert how == ""
    assert reverse("stories:withdraw", args=[story.pk]) in html
    theirs, how = page(client_for(outsider), story)
    assert how == "member-miss"
    assert reverse("stories:withdraw", args=[story.pk]) not in theirs
    assert reverse("stories:edit", args=[story.pk]) not in theirs


def test_moderators_get_their_own_page(thread, outsider, moderator, client_for):
    story, _, _ = thread
    story.identity = Identity.ANONYMOUS
    story.save(update_fields=["identity"])
    html, how = page(client_for(moderator), story)
    assert how == ""
    assert "Moderator: see who wrote this" in html
    theirs, how = page(client_for(outsider), story)
    assert how == "member-miss"
    assert "Moderator: see who wrote this" not in theirs
    assert '<a href="/moderation/' not in theirs


def test_a_withdrawn_story_is_gone_for_members_at_once(thread, owner, outsider, client_for):
    story, _, _ = thread
    client = client_for(outsider)
    page(client, story)
    assert page(client, story)[1] == "member-hit"
    services.story_withdraw(story=story, actor=owner)
    assert client.get(reverse("stories:detail", args=[story.pk])).status_code == 404


def test_members_only_story_is_shared_by_members_only(owner, outsider, client_for):
    story = StoryFactory(author=owner, audience=Audience.MEMBERS, title="Members only talk")
    html, _ = page(client_for(outsider), story)
    assert "Members only talk" in html
    response = client_for(None).get(reverse("stories:detail", args=[story.pk]))
    assert response.status_code == 404


def test_a_hidden_comment_shows_only_to_its_author(thread, member, outsider, moderator, client_for):
    story, first, mine = thread
    page(client_for(outsider), story)  # a shared copy exists before the hiding
    moderation.item_hide(item=mine, actor=moderator, reason="Names a member of staff.")

    theirs, how = page(client_for(outsider), story)
    assert how == "member-miss"  # hiding changed the content version
    assert "Same here, in Leeds." not in theirs
    assert "This comment was hidden by a moderator." in theirs  # it has a reply, so it stays

    html, how = page(client_for(member), story)
    assert how == ""  # rendered for its author alone
    assert "Same here, in Leeds." in html
    assert "Names a member of staff." in html
    # and the author's view never becomes the shared copy
    theirs, how = page(client_for(outsider), story)
    assert how == "member-hit"
    assert "Same here, in Leeds." not in theirs
    assert "Names a member of staff." not in theirs


def test_a_waiting_message_is_shown_once(thread, outsider, client_for):
    story, _, _ = thread
    client = client_for(outsider)
    page(client, story)
    response = client.post(
        reverse("stories:comment_create", args=[story.pk]), {"body": "Thank you for this."}
    )
    assert response.status_code == 302
    html, how = page(client, story)
    assert how == ""
    assert "Your comment is posted." in html
    assert "Thank you for this." in html
    html, how = page(client, story)
    assert how == "member-miss"  # the new comment changed the content version
    assert "Your comment is posted." not in html
    assert "Thank you for this." in html


def test_a_draft_is_never_shared(owner, outsider, client_for):
    story = StoryFactory(author=owner, status=Status.DRAFT, published_at=None)
    assert client_for(outsider).get(reverse("stories:detail", args=[story.pk])).status_code == 404
    html, how = page(client_for(owner), story)
    assert how == ""
    assert "Only you can see this." in html


def test_the_viewer_state_query_names_the_models_tables():
    from allauth.account.models import EmailAddress

    from groundswell.stories.models import Comment, Follow, Reaction, Story
    from groundswell.stories.selectors import VIEWER_STATE_TABLES

    models = (Comment, Story, Reaction, Follow, EmailAddress)
    assert tuple(m._meta.db_table for m in models) == VIEWER_STATE_TABLES


def test_an_unverified_member_can_read_but_not_take_part(thread, client_for):
    story, _, _ = thread
    unverified = UserFactory(verified=False)
    client_for(UserFactory()).get(reverse("stories:detail", args=[story.pk]))
    html, how = page(client_for(unverified), story)
    assert how == "member-miss"  # a copy of its own: the verified members' copy has forms
    assert "Post comment" not in html
    assert "1 found this helpful" in html
    assert page(client_for(unverified), story)[1] == "member-hit"


def test_a_comment_gone_between_the_copy_and_the_counts_shows_no_error():
    """A copy built at one content version can meet counts read a moment later, after a
    concurrent change removed a comment: the page still renders."""
    from groundswell.core.marks import SharedMarks, fill, slot
    from groundswell.stories.member_page import _Values

    values = _Values({"count:comment-1:helped": "2"})
    shared = SharedMarks().value("count:comment-9:helped", 5) + slot("count:comment-1:helped")
    assert fill(shared, flags=set(), values=values) == "02"
    with pytest.raises(KeyError):
        fill(slot("csrf"), flags=set(), values=values)


def test_the_viewer_state_reads_only_the_comments_the_page_shows(owner, member, monkeypatch):
    from groundswell.stories import selectors

    story = StoryFactory(author=owner)
    comments = [CommentFactory(story=story, author=member) for _ in range(5)]
    monkeypatch.setattr(selectors, "COMMENTS_SHOWN", 3)
    state = selectors.viewer_state(member, story.pk)
    assert {f for f in state.flags if f.startswith("own:")} == {f"own:{c.pk}" for c in comments[:3]}
    assert f"count:comment-{comments[3].pk}:helped" not in state.counts
    assert state.counts[f"count:story-{story.pk}:helped"] == "0"


def test_each_member_sees_their_own_unread_count_on_a_shared_page(
    thread, member, outsider, client_for
) -> None:
    from groundswell.notifications import services as notification_services

    story, *_ = thread
    page(client_for(member), story)  # builds the shared copy
    for _ in range(3):
        notification_services.notify(outsider, "story_reply", actor=member, url="/topics/")
    theirs, how = page(client_for(outsider), story)
    assert how == "member-hit"
    assert 'data-count="3">3<span class="visually-hidden"> unread</span>' in theirs
    mine, _ = page(client_for(member), story)
    assert 'data-count="0">0<span' in mine


def test_organisers_get_their_own_page_and_never_share_their_staff_link(
    thread, outsider, organiser, client_for
):
    story, _, _ = thread
    html, how = page(client_for(organiser), story)
    assert how == ""
    assert '<a href="/staff/places/' in html
    theirs, how = page(client_for(outsider), story)
    assert how == "member-miss"
    assert '<a href="/staff/' not in theirs
