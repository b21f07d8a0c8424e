"""Load a demo community: places, topics, members, stories, comments, reactions and follows.

Everything is written through the same services the site uses, so counters, consent records
and search indexing are right. The content lives in groundswell/demo/data; this module only
decides who, where and when. A fixed random seed makes every load the same, apart from
timestamps, which are relative to now.

Every demo account signs in with DEMO_PASSWORD. These accounts, one per site role, are the ones
to name in the README.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import chain, zip_longest
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db import transaction
from django.db.models import Max, ProtectedError, QuerySet
from django.utils import timezone

from groundswell.accounts.models import Profile, SiteRole, User, Visibility
from groundswell.content.models import ContentItem
from groundswell.demo.assets import load_assets
from groundswell.demo.data import ITEM_GROUPS, MEMBERS, STAFF
from groundswell.demo.data.schema import DemoComment, DemoItem, DemoMember
from groundswell.demo.follows import load_follows
from groundswell.demo.introductions import load_introductions
from groundswell.demo.management.commands.seed_topics import seed_topics
from groundswell.demo.messages import load_messages
from groundswell.demo.moderation_queue import load_moderation_work
from groundswell.demo.notifications import load_notifications
from groundswell.demo.offers import load_offers
from groundswell.demo.openreferral import load_openreferral
from groundswell.demo.organisations import load_org_posts, load_organisations
from groundswell.demo.organiser import load_organiser_work
from groundswell.organisations.models import Organisation
from groundswell.places.management.commands.seed_places import seed_places
from groundswell.places.models import Place
from groundswell.sitepages.demo import load_site_pages
from groundswell.stories import related
from groundswell.stories.models import Comment, Follow, Identity, Reaction, Story, StoryConsent
from groundswell.stories.services import (
    StoryInput,
    comment_create,
    follow_toggle,
    reaction_toggle,
    story_publish,
    story_save_draft,
)
from groundswell.topics.models import Topic

DEMO_DOMAIN = "demo.groundswell.local"
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (published on purpose: demo sites only)
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
MODERATOR_EMAIL = f"moderator@{DEMO_DOMAIN}"
ORGANISER_EMAIL = f"organiser@{DEMO_DOMAIN}"
MEMBER_EMAIL = f"member@{DEMO_DOMAIN}"
DEMO_ACCOUNTS = {
    SiteRole.ADMIN: ADMIN_EMAIL,
    SiteRole.MODERATOR: MODERATOR_EMAIL,
    SiteRole.ORGANISER: ORGANISER_EMAIL,
    SiteRole.MEMBER: MEMBER_EMAIL,
}

SEED = 2026
HISTORY_DAYS = 182  # stories are spread over about six months before today
COMMENT_WINDOW = timedelta(days=21)  # conversations on a story run for up to three weeks
PROFILE_FIELDS = ("pronouns", "bio", "roles", "home_place", "topics")


def demo_users() -> QuerySet[User]:
    return User.objects.filter(email__iendswith=f"@{DEMO_DOMAIN}")


def demo_email(member: DemoMember) -> str:
    return f"{member.key}@{DEMO_DOMAIN}"


def interleave(groups: Sequence[Sequence[DemoItem]]) -> list[DemoItem]:
    """One item from each theme in turn, so every theme runs through the whole timeline."""
    return [item for item in chain.from_iterable(zip_longest(*groups)) if item is not None]


def walk(comments: Sequence[DemoComment]) -> list[tuple[DemoComment, int | None]]:
    """Comments parent-first, each with the position of its parent in the returned list."""
    flat: list[tuple[DemoComment, int | None]] = []

    def visit(nodes: Sequence[DemoComment], parent: int | None) -> None:
        for node in nodes:
            flat.append((node, parent))
            visit(node.replies, len(flat) - 1)

    visit(comments, None)
    return flat


class DemoLoader:
    """Creates the demo community inside one transaction. Use `run()`."""

    def __init__(
        self, *, places: dict[str, Place], topics: dict[str, Topic], stdout: OutputWrapper
    ) -> None:
        self.rng = random.Random(SEED)
        self.now = timezone.now()
        self.places = places
        self.topics = topics
        self.stdout = stdout
        self.users: dict[str, User] = {}
        self.organisations: list[Organisation] = []
        self.interests: dict[str, set[str]] = {}
        self.story_times: dict[int, datetime] = {}
        self.comment_times: dict[int, datetime] = {}
        self.step_started = time.monotonic()

    def say(self, message: str) -> None:
        """Print one line of progress with the time the step took."""
        now = time.monotonic()
        self.stdout.write(f"{message} ({now - self.step_started:.1f}s)")
        self.step_started = now

    def run(self) -> list[Story]:
        items = interleave(ITEM_GROUPS)
        self.check(items)
        self.create_members()
        load_site_pages(admin=self.users["admin"])
        self.say("Site pages and the network's name, logo and colours written.")
        stories = self.create_stories(items)
        comments = sum(
            self.create_comments(story, item) for story, item in zip(stories, items, strict=True)
        )
        deepest = Comment.objects.filter(story__in=stories).aggregate(Max("depth"))["depth__max"]
        self.say(
            f"Comments: {comments} written, in threads up to {(deepest or 0) + 1} levels deep."
        )
        self.create_reactions(stories)
        self.create_follows(stories)
        organisations = self.organisations = load_organisations(self)
        load_organiser_work(
            organiser=self.users["organiser"],
            places=self.places,
            owner=self.users["margaret"],
            admin=self.users["admin"],
            say=self.say,
        )
        self.backdate()
        load_org_posts(self, organisations)
        # After the organiser's places: needs left waiting are surfaced to them.
        load_offers(
            users=self.users,
            places=self.places,
            topics=self.topics,
            organisations=organisations,
            say=self.say,
        )
        load_assets(
            users=self.users,
            places=self.places,
            topics=self.topics,
            organisations=organisations,
            say=self.say,
        )
        # The organisations' public services as a council would publish them (Open Referral UK),
        # through the same import an administrator runs.
        load_openreferral(
            users=self.users,
            places=self.places,
            topics=self.topics,
            organisations=organisations,
            say=self.say,
        )
        for story in stories:
            related.refresh_related(story.pk)
        self.say("Related stories computed.")
        return stories

    def check(self, items: list[DemoItem]) -> None:
        """Fail before writing anything if the content refers to someone or somewhere unknown."""
        keys = {m.key for m in chain(STAFF, MEMBERS)}
        problems = []
        for member in chain(STAFF, MEMBERS):
            if member.place is not None and member.place not in self.places:
                problems.append(f"{member.key}: unknown place {member.place!r}")
            problems.extend(
                f"{member.key}: unknown topic {t!r}" for t in member.topics if t not in self.topics
            )
            problems.extend(
                f"{member.key}: can't set {field!r} visible to {value!r}"
                for field, value in member.visibility.items()
                if field not in PROFILE_FIELDS or value not in Visibility.values
            )
        for item in items:
            if item.place is not None and item.place not in self.places:
                problems.append(f"{item.title}: unknown place {item.place!r}")
            problems.extend(
                f"{item.title}: unknown topic {t!r}" for t in item.topics if t not in self.topics
            )
            for comment, _ in walk(item.comments):
                if comment.author not in keys:
                    problems.append(f"{item.title}: unknown commenter {comment.author!r}")
                # Replying under your own name would unmask a pseudonymous or anonymous author.
                if item.identity != Identity.NAMED and comment.author == item.author:
                    problems.append(f"{item.title}: the hidden author comments on their own story")
            if item.author not in keys:
                problems.append(f"{item.title}: unknown author {item.author!r}")
        if problems:
            raise CommandError("The demo content has problems:\n" + "\n".join(problems))

    def create_members(self) -> None:
        # Argon2 is deliberately slow: hash once and share the hash (everyone has the same password).
        password = make_password(DEMO_PASSWORD)
        joined_before = self.now - timedelta(days=HISTORY_DAYS)
        for member in chain(STAFF, MEMBERS):
            is_admin = member.site_role == SiteRole.ADMIN
            user = User.objects.create(
                username=f"demo-{member.key}",
                email=demo_email(member),
                display_name=member.display_name,
                site_role=member.site_role,
                is_staff=is_admin,
                is_superuser=is_admin,
                password=password,
                date_joined=joined_before
                - timedelta(days=self.rng.randint(1, 400), minutes=self.rng.randint(0, 1440)),
            )
            visibility = {
                f"{name}_visibility": Visibility(value) for name, value in member.visibility.items()
            }
            profile = Profile.objects.create(
                user=user,
                pronouns=member.pronouns,
                bio=member.bio,
                roles=list(member.roles),
                home_place=self.places[member.place] if member.place else None,
                **visibility,
            )
            profile.topics.set([self.topics[slug] for slug in member.topics])
            self.users[member.key] = user
            self.interests[member.key] = set(member.topics)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in self.users.values()
        )
        self.say(
            f"Members: {len(self.users)} created, including {', '.join(DEMO_ACCOUNTS.values())}."
        )

    def create_stories(self, items: list[DemoItem]) -> list[Story]:
        start = self.now - timedelta(days=HISTORY_DAYS)
        slot = (timedelta(days=HISTORY_DAYS) - timedelta(days=1)) / len(items)
        stories = []
        for index, item in enumerate(items):
            author = self.users[item.author]
            data = StoryInput(
                kind=item.kind,
                title=item.title,
                body=item.body,
                topics=[self.topics[slug] for slug in item.topics],
                place=self.places[item.place] if item.place else None,
                identity=item.identity,
                pseudonym=item.pseudonym,
                audience=item.audience,
            )
            draft = story_save_draft(author=author, data=data)
            story = story_publish(story=draft, actor=author, consented=True)
            self.story_times[story.pk] = self.daytime(
                start + slot * index + slot * self.rng.uniform(0, 0.8)
            )
            stories.append(story)
        self.say(f"Stories, ideas and resources: {len(stories)} published.")
        return stories

    def create_comments(self, story: Story, item: DemoItem) -> int:
        thread = walk(item.comments)
        published = self.story_times[story.pk]
        end = min(self.now - timedelta(minutes=10), published + COMMENT_WINDOW)
        times = sorted(self.between(published + timedelta(minutes=20), end) for _ in thread)
        created: list[Comment] = []
        for (node, parent_index), when in zip(thread, times, strict=True):
            parent = created[parent_index] if parent_index is not None else None
            comment = comment_create(
                story=story, author=self.users[node.author], body=node.body, parent=parent
            )
            self.comment_times[comment.pk] = when
            created.append(comment)
        return len(created)

    def create_reactions(self, stories: list[Story]) -> None:
        # How likely each reaction is from someone who reacts at all, by kind of item.
        chance = {
            "story": {"experienced": 0.75, "helped": 0.35},
            "idea": {"experienced": 0.3, "helped": 0.6},
            "resource": {"experienced": 0.15, "helped": 0.9},
        }
        count = 0
        for story in stories:
            for user in self.pick_people(story, self.rng.randint(3, 16)):
                kinds = [
                    kind for kind, p in chance[story.kind].items() if self.rng.random() < p
                ] or ["helped"]
                for kind in kinds:
                    reaction_toggle(user=user, kind=kind, story=story)
                    count += 1
        comments = Comment.objects.filter(story__in=stories).select_related("author").order_by("pk")
        for comment in comments:
            if self.rng.random() < 0.55:
                others = [u for u in self.users.values() if u.pk != comment.author_id]
                for user in self.rng.sample(others, self.rng.randint(1, 4)):
                    reaction_toggle(
                        user=user,
                        kind=self.rng.choice(["experienced", "helped", "helped"]),
                        comment=comment,
                    )
                    count += 1
        self.say(f"Reactions: {count} added.")

    def create_follows(self, stories: list[Story]) -> None:
        count = 0
        for story in stories:
            commenters = {c.author_id for c in story.comments.all()} - {story.author_id}
            followers = {
                u for u in self.users.values() if u.pk in commenters and self.rng.random() < 0.5
            }
            followers.update(self.pick_people(story, self.rng.randint(0, 3)))
            for user in sorted(followers, key=lambda u: u.pk):
                follow_toggle(user=user, story=story)
                count += 1
        self.say(f"Follows: {count} added.")

    def pick_people(self, story: Story, n: int) -> list[User]:
        """n members other than the author, people who share the story's topics first."""
        topics = {t.slug for t in story.topics.all()}
        ranked = sorted(
            (key for key, user in self.users.items() if user.pk != story.author_id),
            key=lambda key: (not (self.interests[key] & topics), self.rng.random()),
        )
        return [self.users[key] for key in ranked[:n]]

    def backdate(self) -> None:
        """Services stamp everything with now(); spread it over the past months instead."""
        for story_id, published in self.story_times.items():
            started = published - timedelta(minutes=self.rng.randint(5, 90))
            Story.objects.filter(pk=story_id).update(
                published_at=published, created_at=started, updated_at=published
            )
            StoryConsent.objects.filter(story_id=story_id).update(created_at=published)
        comments = list(Comment.objects.filter(pk__in=self.comment_times))
        for comment in comments:
            comment.created_at = self.comment_times[comment.pk]
        Comment.objects.bulk_update(comments, ["created_at"], batch_size=500)
        # When each story and comment was posted, by its content item.
        item_times: dict[int, datetime] = {
            item_id: self.story_times[pk]
            for pk, item_id in Story.objects.filter(pk__in=self.story_times).values_list(
                "pk", "item_id"
            )
        }
        item_times.update(
            (c.item_id, self.comment_times[c.pk]) for c in comments if c.pk in self.comment_times
        )
        items = list(ContentItem.objects.filter(pk__in=item_times))
        for item in items:
            item.created_at = item_times[item.pk]
        ContentItem.objects.bulk_update(items, ["created_at"], batch_size=500)
        reactions = list(Reaction.objects.filter(user__in=list(self.users.values())))
        for reaction in reactions:
            target = item_times[reaction.item_id]
            reaction.created_at = self.between(target, min(self.now, target + COMMENT_WINDOW))
        Reaction.objects.bulk_update(reactions, ["created_at"], batch_size=500)
        follows = list(Follow.objects.filter(user__in=list(self.users.values())))
        for follow in follows:
            published = item_times[follow.item_id]
            follow.created_at = self.between(published, min(self.now, published + COMMENT_WINDOW))
        Follow.objects.bulk_update(follows, ["created_at"], batch_size=500)
        self.say(f"Dates spread over the last {HISTORY_DAYS} days.")

    def between(self, start: datetime, end: datetime) -> datetime:
        if end <= start:
            return start
        return start + (end - start) * self.rng.random()

    def daytime(self, moment: datetime) -> datetime:
        """The same day at a waking hour (07:00 to 23:00 local time), never in the future."""
        local = timezone.localtime(moment)
        shifted = local.replace(hour=self.rng.randint(7, 22), minute=self.rng.randint(0, 59))
        return min(shifted, self.now - timedelta(hours=1))


class Command(BaseCommand):
    help = (
        "Load a demo community of members, stories, comments and reactions. "
        f"Every demo account's password is {DEMO_PASSWORD!r}: never run this on a real site."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo members and everything they wrote, then load again.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though DEBUG is off. The demo admin's password is published, so never on a real site.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off, so this may be a real site. The demo creates an administrator whose password is "
                "published. Run with DEBUG=1, or pass --force if you are sure this is not a real site."
            )
        existing = demo_users()
        if existing.exists() and not options["reset"]:
            self.stdout.write(
                f"The demo community is already loaded ({existing.count()} members). Nothing to do; "
                "use --reset to delete it and load it again."
            )
            return
        with transaction.atomic():
            if options["reset"]:
                self.delete_demo(existing)
            place_result = seed_places()
            self.stdout.write(
                f"Places: {place_result.created} created, {place_result.existing} already there."
            )
            topic_result = seed_topics()
            self.stdout.write(
                f"Topics: {topic_result.created} created, {topic_result.existing} already there."
            )
            loader = DemoLoader(
                places=place_result.by_name, topics=topic_result.by_slug, stdout=self.stdout
            )
            stories = loader.run()
            load_follows(domain=DEMO_DOMAIN, stdout=self.stdout)
            # Introductions are made between connections, so after the follows.
            load_introductions(
                users=loader.users,
                places=loader.places,
                topics=loader.topics,
                organisations=loader.organisations,
                say=loader.say,
            )
        load_messages(domain=DEMO_DOMAIN, stdout=self.stdout)
        # Outside the transaction above: the safeguarding alert opens when its comment commits.
        load_moderation_work(
            members={u.username.removeprefix("demo-"): u for u in demo_users()},
            stories=stories,
            domain=DEMO_DOMAIN,
            stdout=self.stdout,
        )
        load_notifications(domain=DEMO_DOMAIN, stdout=self.stdout)  # sent when the above committed
        self.stdout.write(
            self.style.SUCCESS(f"Demo community loaded in {time.monotonic() - started:.1f}s.")
            + f"\nSign in as {', '.join(DEMO_ACCOUNTS.values())} (or any demo member) with the password {DEMO_PASSWORD}."
        )

    def delete_demo(self, users: QuerySet[User]) -> None:
        count = users.count()
        try:
            users.delete()
        except ProtectedError as exc:
            raise CommandError(
                f"Could not delete the demo members: something else still points at them ({exc})."
            ) from exc
        self.stdout.write(f"Deleted {count} demo members and everything they wrote.")
