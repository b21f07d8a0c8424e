"""The demo moderator's work: what Jo Fletcher (moderator@…) finds waiting when they sign in.

A moderation queue that is never empty and never absurd: two open reports (a comment giving
risky advice about medicine, a story naming a nurse), one new member's story held for review in
a place where new members' posts are read first, one appeal against an earlier decision to hide
a comment, and one safeguarding alert on a comment written late at night by someone struggling.

Everything goes through the services the site itself uses (comments, stories and consent,
reports, pre-moderation, hiding, appeals; the safeguarding alert is raised by the comment's own
publish check), then is dated over the last few days, as the other demo loaders do. The audit
log is append-only, so its events keep the time the demo was loaded.

Call it after the rest of the demo is loaded (it picks stories from `stories`); it is safe to call
again: the second time it finds its new member and does nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone

from groundswell.accounts.models import Profile, SiteRole, User
from groundswell.content.models import ContentItem
from groundswell.moderation import services as moderation
from groundswell.moderation.models import (
    Appeal,
    DecisionAction,
    ModerationDecision,
    PreModerationRule,
    Report,
)
from groundswell.places.models import Place
from groundswell.safeguarding.models import SafeguardingAlert
from groundswell.stories.models import Audience, Comment, Identity, Story, StoryConsent
from groundswell.stories.services import (
    StoryInput,
    comment_create,
    story_publish,
    story_save_draft,
)
from groundswell.topics.models import Topic

NEW_MEMBER_KEY = "hollie"
NEW_MEMBER_NAME = "Hollie Brennan"

MISINFORMATION_COMMENT = (
    "I stopped taking my blood pressure tablets in the spring and switched to garlic and apple "
    "cider vinegar instead. I felt better within a week. Honestly I think the tablets were what "
    "made me so tired all the time."
)
MISINFORMATION_REPORT = (
    "Stopping blood pressure medicine without talking to a GP or pharmacist can lead to a "
    "stroke. I don't want to shame them, but someone reading this might copy it."
)

NAMED_NURSE_TITLE = "Nine hours on a trolley with Dad"
NAMED_NURSE_BODY = (
    "Dad went into A&E on a Sunday night with chest pain. He was seen quickly, and then he "
    "waited nine hours on a trolley in a corridor for a bed on Ward 12.\n\n"
    "Most of the staff were kind and obviously run off their feet. But the nurse in charge that "
    "night, Karen Whitfield, told me twice to stop asking questions and go home. Dad is 84, "
    "deaf in one ear and gets confused when he's tired. I wasn't going anywhere.\n\n"
    "In the morning a different nurse found him a blanket and a cup of tea and explained "
    "everything. That is all I wanted in the first place: someone to tell us what was going on.\n\n"
    "If you are in the same place tonight: ask for the nurse in charge, write down names and "
    "times, and ask for a chair so you can stay beside them."
)
NAMED_NURSE_REPORT = (
    "It names a nurse in full and the ward she works on. What happened sounds awful, but she "
    "can't answer back here. Could the name come out and the rest stay?"
)

HELD_TITLE = "Asking for help at the six-week check"
HELD_BODY = (
    "I nearly didn't say anything at my six-week check. The baby was fine, I was 'fine', and "
    "the appointment was ten minutes.\n\n"
    "But I hadn't slept more than two hours at a time since she was born, I was crying every "
    "afternoon, and I kept checking she was breathing. My health visitor had left a leaflet, so "
    "I took it in and pointed at the bit about anxiety after birth.\n\n"
    "The GP listened. She referred me to the perinatal team and I had a phone call within a "
    "fortnight. Six weeks on, I'm sleeping better and the checking has eased off.\n\n"
    "If you're reading this at 4am with a newborn: the leaflet trick works when you can't find "
    "the words."
)
PREMODERATION_NOTE = (
    "Several new accounts posted adverts here in the spring, so new members' posts are read first."
)

HIDDEN_COMMENT = (
    "If anyone's in the same boat, the Harley Street Memory Care clinic saw Mum within a week. "
    "Ring 020 7946 0321 and ask for Dr Patel, he was brilliant. Worth every penny."
)
HIDE_REASON = (
    "This reads as an advert for a private clinic, with a phone number. Our guidelines ask "
    "people not to promote paid services here. You're welcome to share what helped, without the "
    "contact details."
)
APPEAL_MESSAGE = (
    "I'm not connected to the clinic at all, I just wanted to help. We waited 14 months on the "
    "NHS list and paying was the only way Mum got seen. I'm happy for the phone number to come "
    "out if that's the problem."
)

# Crisis language in the first person: the comment's own publish check raises the alert.
ALERT_COMMENT = (
    "Reading this at 3am. I've been so low since I lost my job that some nights I think "
    "everyone would be better off without me. I haven't told anyone that before."
)


@dataclass(frozen=True)
class ModerationWork:
    """What was put in the demo moderator's way."""

    reported_comment: Comment
    reported_story: Story
    held_story: Story
    appeal: Appeal
    alert_comment: Comment

    @property
    def alert(self) -> SafeguardingAlert | None:
        """Raised once the comment's publish is committed (safeguarding reads it after commit)."""
        return SafeguardingAlert.objects.filter(item_id=self.alert_comment.item_id).first()


def _staff(members: Mapping[str, User], role: str) -> User:
    found = [u for u in members.values() if u.site_role == role]
    if not found:
        raise ValueError(f"The demo members include no {role}.")
    return members.get(role) or found[0]


def _story_about(stories: Sequence[Story], topic_slug: str, *, avoid: set[int]) -> Story:
    """A published, visible, named story on this topic (the first one), else any visible story."""
    visible = [s for s in stories if s.is_published and s.pk not in avoid]
    for story in visible:
        if story.identity == Identity.NAMED and topic_slug in {t.slug for t in story.topics.all()}:
            return story
    if not visible:
        raise ValueError("The demo has no published stories to put comments on.")
    return visible[0]


def _someone_else(people: Sequence[User], *, besides: set[int]) -> User:
    return next(p for p in people if p.pk not in besides)


def _when(now: datetime, days: int, hours: int) -> datetime:
    return now - timedelta(days=days, hours=hours)


def _date_story(story: Story, at: datetime) -> None:
    Story.objects.filter(pk=story.pk).update(created_at=at, published_at=at, updated_at=at)
    ContentItem.objects.filter(pk=story.item_id).update(created_at=at)
    StoryConsent.objects.filter(story=story).update(created_at=at)
    story.refresh_from_db()


def _date_comment(comment: Comment, at: datetime) -> None:
    Comment.objects.filter(pk=comment.pk).update(created_at=at)
    ContentItem.objects.filter(pk=comment.item_id).update(created_at=at)


def _date_decisions(target: Story | Comment, action: str, at: datetime) -> None:
    ModerationDecision.objects.filter(item_id=target.item_id, action=action).update(created_at=at)


def _new_member(*, domain: str, place: Place | None, joined: datetime, password: str) -> User:
    """Someone who joined a few days ago: a new member, so pre-moderation applies to them.
    `password` is a hash: every demo account shares the demo password."""
    user = User.objects.create(
        username=f"demo-{NEW_MEMBER_KEY}",
        email=f"{NEW_MEMBER_KEY}@{domain}",
        display_name=NEW_MEMBER_NAME,
        site_role=SiteRole.MEMBER,
        password=password,
        date_joined=joined,
    )
    Profile.objects.create(user=user, home_place=place)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def load_moderation_work(
    *,
    members: Mapping[str, User],
    stories: Sequence[Story],
    domain: str,
    now: datetime | None = None,
    stdout: OutputWrapper | None = None,
) -> ModerationWork | None:
    """Put the demo moderator's work in place; None if it was already there.

    `members` are the demo members by key (they must include a moderator and an administrator,
    and at least six members), `stories` the demo's published stories.
    """
    if User.objects.filter(email__iexact=f"{NEW_MEMBER_KEY}@{domain}").exists():
        return None
    now = now or timezone.now()
    moderator = _staff(members, SiteRole.MODERATOR)
    admin = _staff(members, SiteRole.ADMIN)
    people = [
        u
        for key, u in sorted(members.items())
        if u.site_role == SiteRole.MEMBER
        and key != "member"  # the demo member's own view stays calm
    ]
    if len(people) < 6:
        raise ValueError("The demo needs at least six members for the moderator's work.")
    used: set[int] = set()

    with transaction.atomic():
        # 1. A comment with risky advice about medicine, reported by a clinician if there is one.
        on_conditions = _story_about(stories, "long-term-conditions", avoid=used)
        used.add(on_conditions.pk)
        advice_author = _someone_else(people, besides={on_conditions.author_id})
        risky = comment_create(
            story=on_conditions, author=advice_author, body=MISINFORMATION_COMMENT
        )
        clinician = members.get("dev") or _someone_else(
            people, besides={advice_author.pk, on_conditions.author_id}
        )
        comment_report = moderation.report_create(
            reporter=clinician,
            reason=Report.Reason.MISINFORMATION,
            details=MISINFORMATION_REPORT,
            item_id=risky.item_id,
        )

        # 2. A story that names a nurse, reported by another member.
        writer = _someone_else(people, besides={advice_author.pk, clinician.pk})
        access = Topic.objects.filter(slug="access-to-services").first()
        draft = story_save_draft(
            author=writer,
            data=StoryInput(
                kind="story",
                title=NAMED_NURSE_TITLE,
                body=NAMED_NURSE_BODY,
                topics=[access] if access else list(on_conditions.topics.all()[:1]),
                identity=Identity.NAMED,
                audience=Audience.PUBLIC,
            ),
        )
        named_nurse = story_publish(story=draft, actor=writer, consented=True)
        reporter = _someone_else(people, besides={advice_author.pk, clinician.pk, writer.pk})
        story_report = moderation.report_create(
            reporter=reporter,
            reason=Report.Reason.PERSONAL_DATA,
            details=NAMED_NURSE_REPORT,
            item_id=named_nurse.item_id,
        )

        # 3. A new member's first story, held because new members' posts in their place are read
        # first (a rule a moderator turned on earlier, through the pre-moderation service).
        place = _held_place(stories)
        maternity = list(
            Topic.objects.filter(slug__in=["maternity-and-early-years", "mental-health"])
        ) or list(on_conditions.topics.all()[:1])
        rule_topic = maternity[0] if place is None else None
        # A rule stays when the demo is deleted (it belongs to the place, not to a member).
        rule = PreModerationRule.objects.filter(
            place=place, topic=rule_topic
        ).first() or moderation.premoderation_rule_create(
            actor=moderator, place=place, topic=rule_topic, note=PREMODERATION_NOTE
        )
        newcomer = _new_member(
            domain=domain, place=place, joined=_when(now, 3, 5), password=people[0].password
        )
        draft = story_save_draft(
            author=newcomer,
            data=StoryInput(
                kind="story",
                title=HELD_TITLE,
                body=HELD_BODY,
                topics=maternity,
                place=place,
                identity=Identity.NAMED,
                audience=Audience.MEMBERS,
            ),
        )
        held = story_publish(story=draft, actor=newcomer, consented=True)
        if not held.is_held_for_review:
            raise RuntimeError("The new member's story should have been held for review.")

        # 4. A comment an administrator hid a few days ago, and its author's appeal.
        on_caring = _story_about(stories, "caring-for-someone", avoid=used)
        used.add(on_caring.pk)
        hopeful = _someone_else(
            people, besides={writer.pk, reporter.pk, on_caring.author_id, advice_author.pk}
        )
        advert = comment_create(story=on_caring, author=hopeful, body=HIDDEN_COMMENT)
        moderation.item_hide(item=advert, actor=admin, reason=HIDE_REASON)
        appeal = moderation.appeal_create(item=advert, author=hopeful, message=APPEAL_MESSAGE)

        # 5. A late-night comment in crisis: its own publish check raises the safeguarding alert.
        on_mind = _story_about(stories, "mental-health", avoid=used)
        struggling = _someone_else(
            people,
            besides={writer.pk, reporter.pk, hopeful.pk, advice_author.pk, on_mind.author_id},
        )
        late = comment_create(story=on_mind, author=struggling, body=ALERT_COMMENT)

        # Spread over the last few days (services stamp everything with now()).
        _date_comment(risky, _when(now, 1, 20))
        Report.objects.filter(pk=comment_report.pk).update(created_at=_when(now, 1, 9))
        _date_story(named_nurse, _when(now, 3, 6))
        Report.objects.filter(pk=story_report.pk).update(created_at=_when(now, 2, 4))
        PreModerationRule.objects.filter(pk=rule.pk).update(created_at=_when(now, 12, 0))
        _date_story(held, _when(now, 0, 22))
        Story.objects.filter(pk=held.pk).update(hidden_at=_when(now, 0, 22))
        _date_decisions(held, DecisionAction.HELD, _when(now, 0, 22))
        _date_comment(advert, _when(now, 4, 3))
        hidden_at = _when(now, 3, 22)
        # The appeal is tied to the hiding it answers (Appeal.hidden_at): both move together.
        Comment.objects.filter(pk=advert.pk).update(hidden_at=hidden_at)
        Appeal.objects.filter(pk=appeal.pk).update(
            hidden_at=hidden_at, created_at=_when(now, 2, 19)
        )
        _date_decisions(advert, DecisionAction.HIDDEN, hidden_at)
        late_at = _when(now, 0, 15)
        _date_comment(late, late_at)
        # The alert is opened when the comment is committed; date it once it is there.
        transaction.on_commit(
            lambda: SafeguardingAlert.objects.filter(item_id=late.item_id).update(
                created_at=late_at
            )
        )

    if stdout is not None:
        stdout.write(
            "Moderation: 2 open reports, 1 story held for review, 1 appeal and 1 safeguarding "
            f"alert waiting for {moderator.email}."
        )
    held.refresh_from_db()
    return ModerationWork(
        reported_comment=risky,
        reported_story=named_nurse,
        held_story=held,
        appeal=Appeal.objects.get(pk=appeal.pk),
        alert_comment=late,
    )


def _held_place(stories: Sequence[Story]) -> Place | None:
    """The most local place any demo story is about: pre-moderation there touches few people."""
    places = [s.place for s in stories if s.place is not None]
    if not places:
        return None
    return max(places, key=lambda p: (len(p.ancestor_ids), -p.pk))
