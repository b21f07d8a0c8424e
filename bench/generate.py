"""Generate a large synthetic community straight into the database, for benchmarks.

    python bench/generate.py --stories 100000 --members 20000 --comments 1000000

Builds model instances and writes them in batches, with `bulk_create` or, for speed, a thin
executemany/COPY path over the same instances (see fast_insert); the services would be far too
slow for a million rows. Writes into
whichever database DATABASE_URL / SQLITE_PATH selects. The database must be freshly migrated and
empty of members and stories: bench/run.sh recreates it. Output is deterministic for a given seed,
except that dates are relative to "now" so the feed looks recent.

Counters are consistent with the rows written: comment_count counts live comments,
experienced_count/helped_count count reactions, score follows stories.services
(SCORE_PER_COMMENT per comment, SCORE_PER_REACTION per reaction).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import vocabulary as vocab  # noqa: E402
from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command, get_commands  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import DatabaseError, connection, models, transaction  # noqa: E402

from groundswell.accounts.models import MemberRole, Profile, User  # noqa: E402
from groundswell.content.models import ContentItem  # noqa: E402
from groundswell.core.pagecache import install_triggers, remove_triggers  # noqa: E402
from groundswell.lib.markdown import markdown_to_text, render_markdown  # noqa: E402
from groundswell.lib.text import excerpt  # noqa: E402
from groundswell.places.models import Place, PlaceLevel  # noqa: E402
from groundswell.stories.models import (  # noqa: E402
    Audience,
    Comment,
    ConsentAction,
    Identity,
    Kind,
    Reaction,
    ReactionKind,
    Status,
    Story,
    StoryConsent,
    StoryRelation,
)
from groundswell.stories.services import (  # noqa: E402
    SCORE_PER_COMMENT,
    SCORE_PER_REACTION,
    consent_statement,
)
from groundswell.topics.models import Topic  # noqa: E402

# 2: every story and comment has its content item (groundswell/content), reactions point at it.
GENERATOR_VERSION = 2
PASSWORD = "groundswell-bench-password"  # noqa: S105 - synthetic members only
STORY_BODY_POOL = 6000
COMMENT_BODY_POOL = 4000
MAX_COMMENT_DEPTH = 5
RELATED_PER_STORY = 4
SPAN_DAYS = 730


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    def add(self, table: str, n: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + n

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        parts = ", ".join(f"{k} {v:,}" for k, v in self.rows.items())
        return f"[{elapsed:6.1f}s] {parts} ({self.total / max(elapsed, 1e-9):,.0f} rows/s)"


@contextlib.contextmanager
def explicit_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let bulk_create keep the dates we set instead of auto_now/auto_now_add's "now"."""
    saved = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    if isinstance(field, models.DateTimeField) and connection.vendor == "sqlite":
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.FileField):
        return lambda value: str(value or "")
    if isinstance(field, models.UUIDField) and connection.vendor == "sqlite":
        return lambda value: value.hex if value is not None else None
    return None


def fast_insert(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Write unsaved instances as bulk_create would, without its per-value SQL compilation.

    bulk_create spends ~40 µs a row compiling placeholders; this reads the instances' raw field
    values and sends them with one executemany (SQLite) or COPY (PostgreSQL): ~5 times faster
    for the million-row tables. Dates and files are converted as Django would store them.
    """
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and objs[0].pk is None)]
    columns = [f.column for f in fields]
    attnames = [f.attname for f in fields]
    converters = [_converter(f) for f in fields]
    rows = []
    for obj in objs:
        values = obj.__dict__
        rows.append(
            tuple(
                conv(values[name]) if conv else values[name]
                for name, conv in zip(attnames, converters, strict=True)
            )
        )
    quote = connection.ops.quote_name
    table, cols = quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            # Table and column names come from the models' metadata, quoted; values are parameters.
            sql = f"INSERT INTO {table} ({cols}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(sql, rows)


def skewed_index(rng: random.Random, n: int, power: float = 2.0) -> int:
    """An index in [0, n) where low indexes are much more likely (a few very active members)."""
    return min(int(n * rng.random() ** power), n - 1)


class Generator:
    def __init__(self, *, stories: int, members: int, comments: int, seed: int, batch: int) -> None:
        self.n_stories, self.n_members, self.n_comments = stories, members, comments
        self.rng = random.Random(seed)
        self.batch = batch
        self.counts = Counts()
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.start = self.now - timedelta(days=SPAN_DAYS)
        self.last_report = 0.0

    # -- helpers ---------------------------------------------------------------------------------

    def progress(self, force: bool = False) -> None:
        if force or time.monotonic() - self.last_report > 5:
            self.last_report = time.monotonic()
            print(self.counts.line(), flush=True)

    def insert(self, model: type[models.Model], objs: Sequence[models.Model], label: str) -> None:
        if objs:
            if any(isinstance(f, models.JSONField) for f in model._meta.concrete_fields):
                model.objects.bulk_create(objs, batch_size=self.batch)
            else:
                fast_insert(model, objs)
            self.counts.add(label, len(objs))

    # -- reference data ---------------------------------------------------------------------------

    def make_places(self) -> list[int]:
        if not Place.objects.exists():
            if "seed_places" in get_commands():
                print("places: running manage.py seed_places")
                call_command("seed_places")
            else:
                print("places: seed_places not available; creating a small UK hierarchy")
                self._own_places()
        # Stories are mostly tagged with a town/city or a neighbourhood, a few with a region.
        weights = {PlaceLevel.NEIGHBOURHOOD: 5, PlaceLevel.COUNTY: 3, PlaceLevel.REGION: 1}
        weighted: list[int] = []
        for pk, level in Place.objects.values_list("id", "level"):
            weighted.extend([pk] * weights.get(level, 0))
        self.counts.add("places", Place.objects.count())
        return weighted

    def _own_places(self) -> None:
        from groundswell.places.services import place_create

        for nation, regions in vocab.PLACES.items():
            n = place_create(name=nation, level=PlaceLevel.NATION)
            for region, counties in regions.items():
                r = place_create(name=region, level=PlaceLevel.REGION, parent=n)
                for county, hoods in counties.items():
                    c = place_create(name=county, level=PlaceLevel.COUNTY, parent=r)
                    for hood in hoods:
                        place_create(name=hood, level=PlaceLevel.NEIGHBOURHOOD, parent=c)

    def make_topics(self) -> list[int]:
        existing = set(Topic.objects.values_list("slug", flat=True))
        Topic.objects.bulk_create(
            [
                Topic(name=name, slug=slug, description=d)
                for name, slug, d in vocab.TOPICS
                if slug not in existing
            ]
        )
        ids = list(Topic.objects.order_by("id").values_list("id", flat=True))
        self.counts.add("topics", len(ids))
        return ids

    # -- members ----------------------------------------------------------------------------------

    def make_members(self, place_ids: list[int], topic_ids: list[int]) -> None:
        rng = self.rng
        password = make_password(PASSWORD)
        roles = [r.value for r in MemberRole]
        joined_start = self.start - timedelta(days=180)
        profile_topics = Profile.topics.through
        with explicit_timestamps(Profile):
            for lo in range(1, self.n_members + 1, self.batch):
                hi = min(lo + self.batch, self.n_members + 1)
                users, profiles, emails, ptopics = [], [], [], []
                for pk in range(lo, hi):
                    joined = joined_start + timedelta(
                        seconds=rng.randrange((self.now - joined_start).days * 86400)
                    )
                    users.append(
                        User(
                            id=pk,
                            username=f"member{pk}",
                            email=f"member{pk}@example.org",
                            password=password,
                            display_name=vocab.person_name(rng) if rng.random() < 0.9 else "",
                            date_joined=joined,
                            is_active=True,
                        )
                    )
                    emails.append(
                        EmailAddress(
                            user_id=pk, email=f"member{pk}@example.org", verified=True, primary=True
                        )
                    )
                    has_profile = rng.random() < 0.4
                    profiles.append(
                        Profile(
                            user_id=pk,
                            pronouns=rng.choice(["", "", "she/her", "he/him", "they/them"])
                            if has_profile
                            else "",
                            bio=vocab.bio(rng) if has_profile else "",
                            roles=rng.sample(roles, rng.randint(1, 2)) if has_profile else [],
                            home_place_id=rng.choice(place_ids)
                            if has_profile and place_ids
                            else None,
                            updated_at=joined,
                        )
                    )
                with transaction.atomic():
                    self.insert(User, users, "members")
                    self.insert(EmailAddress, emails, "email_addresses")
                    self.insert(Profile, profiles, "profiles")
                    # Profile ids are assigned by the database; read them back for topics.
                    if topic_ids:
                        for profile_id in Profile.objects.filter(
                            user_id__gte=lo, user_id__lt=hi
                        ).values_list("id", flat=True):
                            if rng.random() < 0.3:
                                for tid in rng.sample(topic_ids, rng.randint(1, 3)):
                                    ptopics.append(
                                        profile_topics(profile_id=profile_id, topic_id=tid)
                                    )
                        self.insert(profile_topics, ptopics, "profile_topics")
                self.progress()

    # -- stories, comments, reactions -------------------------------------------------------------

    def comment_plan(self) -> list[int]:
        """Comments per story: most stories get a few, some get hundreds; sums to n_comments."""
        rng, n = self.rng, self.n_stories
        if n == 0:
            return []
        mean = self.n_comments / n
        weights = [rng.expovariate(1.0) * (6.0 if rng.random() < 0.05 else 0.75) for _ in range(n)]
        scale = self.n_comments / (sum(weights) or 1.0)
        plan = [int(w * scale) for w in weights]
        cap = max(int(mean * 40), 50)
        plan = [min(c, cap) for c in plan]
        missing = self.n_comments - sum(plan)
        while missing > 0:
            i = rng.randrange(n)
            if plan[i] < cap:
                plan[i] += 1
                missing -= 1
        return plan

    def body_pools(self) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
        rng = self.rng
        stories = []
        for _ in range(STORY_BODY_POOL):
            body = vocab.story_body(rng)
            stories.append((body, render_markdown(body), excerpt(markdown_to_text(body), 280)))
        comments = []
        for _ in range(COMMENT_BODY_POOL):
            body = vocab.comment_body(rng)
            comments.append((body, render_markdown(body)))
        return stories, comments

    def make_stories(
        self, place_ids: list[int], topic_ids: list[int]
    ) -> dict[int, tuple[str, int]]:
        """Write stories with their topics, consents, reactions and comments. Returns
        story id -> (audience, primary topic id) for the related-stories pass."""
        rng = self.rng
        story_pool, comment_pool = self.body_pools()
        plan = self.comment_plan()
        span = int((self.now - self.start).total_seconds())
        published = sorted(
            self.start + timedelta(seconds=rng.randrange(span)) for _ in range(self.n_stories)
        )
        topic_through = Story.topics.through
        statements: dict[tuple[str, str, str, str], str] = {}
        summary: dict[int, tuple[str, int]] = {}
        kinds = [Kind.STORY] * 70 + [Kind.IDEA] * 18 + [Kind.RESOURCE] * 12
        comment_id = 0
        story_batch = max(self.batch // 5, 100)

        with explicit_timestamps(ContentItem, Story, Comment, Reaction, StoryConsent):
            for lo in range(0, self.n_stories, story_batch):
                stories, topics, consents, reactions, comments, creactions = [], [], [], [], [], []
                items: list[ContentItem] = []
                for i in range(lo, min(lo + story_batch, self.n_stories)):
                    sid = i + 1
                    pub = published[i]
                    author_id = skewed_index(rng, self.n_members) + 1
                    roll = rng.random()
                    identity = (
                        Identity.NAMED
                        if roll < 0.8
                        else Identity.PSEUDONYM
                        if roll < 0.92
                        else Identity.ANONYMOUS
                    )
                    pseudonym = (
                        rng.choice(vocab.PSEUDONYMS) if identity == Identity.PSEUDONYM else ""
                    )
                    audience = Audience.PUBLIC if rng.random() < 0.9 else Audience.MEMBERS
                    kind = rng.choice(kinds)
                    body, body_html, body_excerpt = rng.choice(story_pool)
                    story_topics = rng.sample(
                        topic_ids, min(len(topic_ids), rng.choice((1, 1, 2, 2, 3)))
                    )
                    summary[sid] = (audience, story_topics[0] if story_topics else 0)
                    for tid in story_topics:
                        topics.append(topic_through(story_id=sid, topic_id=tid))

                    # Comments: threads of replies, a few deleted (blank shells, not counted).
                    live = 0
                    story_comments: list[Comment] = []
                    by_id: dict[int, Comment] = {}
                    horizon = max(
                        int((min(self.now, pub + timedelta(days=90)) - pub).total_seconds()), 60
                    )
                    offsets = sorted(rng.randrange(horizon) for _ in range(plan[i]))
                    for off in offsets:
                        comment_id += 1
                        parent: Comment | None = None
                        if story_comments and rng.random() < 0.45:
                            # Mostly replies to recent comments; threads stop at a sane depth.
                            recent = skewed_index(rng, min(len(story_comments), 8), 1.5)
                            parent = story_comments[-1 - recent]
                            while parent is not None and parent.depth >= MAX_COMMENT_DEPTH:
                                parent = by_id.get(parent.parent_id or 0)
                        deleted = rng.random() < 0.005
                        cbody, chtml = ("", "") if deleted else rng.choice(comment_pool)
                        created = pub + timedelta(seconds=off)
                        # Content items: a story's id is its item's, a comment's item comes
                        # after every story's (explicit ids, so no read-back is needed).
                        citem = self.n_stories + comment_id
                        c = Comment(
                            id=comment_id,
                            item_id=citem,
                            story_id=sid,
                            author_id=author_id
                            if rng.random() < 0.1
                            else skewed_index(rng, self.n_members) + 1,
                            parent_id=parent.id if parent else None,
                            depth=parent.depth + 1 if parent else 0,
                            body=cbody,
                            body_html=chtml,
                            created_at=created,
                            is_deleted=deleted,
                        )
                        items.append(
                            ContentItem(
                                id=citem, kind="comment", author_id=c.author_id, created_at=created
                            )
                        )
                        if not deleted and rng.random() < 0.12:
                            for uid in rng.sample(
                                range(1, self.n_members + 1), min(rng.randint(1, 3), self.n_members)
                            ):
                                rkind = (
                                    ReactionKind.HELPED
                                    if rng.random() < 0.5
                                    else ReactionKind.EXPERIENCED
                                )
                                if rkind == ReactionKind.HELPED:
                                    c.helped_count += 1
                                else:
                                    c.experienced_count += 1
                                creactions.append(
                                    Reaction(
                                        user_id=uid,
                                        kind=rkind,
                                        item_id=citem,
                                        created_at=created + timedelta(hours=1),
                                    )
                                )
                        live += not deleted
                        story_comments.append(c)
                        by_id[comment_id] = c
                    comments.extend(story_comments)

                    # Story reactions: busier stories get more; distinct people per kind.
                    counts = {}
                    for rkind, factor in (
                        (ReactionKind.EXPERIENCED, 0.2),
                        (ReactionKind.HELPED, 0.12),
                    ):
                        n = min(
                            int(rng.expovariate(1.0) * (0.8 + factor * plan[i])), self.n_members
                        )
                        counts[rkind] = n
                        for uid in rng.sample(range(1, self.n_members + 1), n):
                            reactions.append(
                                Reaction(
                                    user_id=uid,
                                    kind=rkind,
                                    item_id=sid,
                                    created_at=pub + timedelta(seconds=rng.randrange(horizon)),
                                )
                            )
                    experienced, helped = (
                        counts[ReactionKind.EXPERIENCED],
                        counts[ReactionKind.HELPED],
                    )
                    stories.append(
                        Story(
                            id=sid,
                            item_id=sid,
                            kind=kind,
                            author_id=author_id,
                            identity=identity,
                            pseudonym=pseudonym,
                            audience=audience,
                            status=Status.PUBLISHED,
                            title=vocab.story_title(rng),
                            body=body,
                            body_html=body_html,
                            excerpt=body_excerpt,
                            place_id=rng.choice(place_ids)
                            if place_ids and rng.random() < 0.85
                            else None,
                            created_at=pub - timedelta(minutes=rng.randint(5, 600)),
                            updated_at=pub,
                            published_at=pub,
                            comment_count=live,
                            experienced_count=experienced,
                            helped_count=helped,
                            score=live * SCORE_PER_COMMENT
                            + (experienced + helped) * SCORE_PER_REACTION,
                        )
                    )
                    items.append(
                        ContentItem(
                            id=sid,
                            kind="story",
                            author_id=author_id,
                            created_at=pub - timedelta(minutes=10),
                        )
                    )
                    key = (kind, audience, identity, pseudonym)
                    if key not in statements:
                        statements[key] = consent_statement(
                            kind=str(Kind(kind).label).lower(),
                            audience=audience,
                            identity=identity,
                            pseudonym=pseudonym,
                        )
                    consents.append(
                        StoryConsent(
                            story_id=sid,
                            user_id=author_id,
                            action=ConsentAction.GIVEN,
                            notice_version="2026-11-v1",
                            statement=statements[key],
                            audience=audience,
                            identity=identity,
                            created_at=pub,
                        )
                    )
                with transaction.atomic():
                    self.insert(ContentItem, items, "content_items")
                    self.insert(Story, stories, "stories")
                    self.insert(topic_through, topics, "story_topics")
                    self.insert(StoryConsent, consents, "consents")
                    self.insert(Comment, comments, "comments")
                    self.insert(Reaction, reactions + creactions, "reactions")
                self.progress()
        return summary

    def make_relations(self, summary: dict[int, tuple[str, int]]) -> None:
        """Related stories: the nearest stories in time sharing the primary topic and audience
        (the real task scores text similarity; here we only need rows for the page to read)."""
        groups: dict[tuple[str, int], list[int]] = {}
        for sid, key in summary.items():
            groups.setdefault(key, []).append(sid)
        position = {sid: (key, idx) for key, ids in groups.items() for idx, sid in enumerate(ids)}
        half = RELATED_PER_STORY // 2
        batch: list[StoryRelation] = []
        for sid in sorted(summary):
            key, idx = position[sid]
            ids = groups[key]
            neighbours = [
                ids[j] for j in range(max(0, idx - half), min(len(ids), idx + half + 1)) if j != idx
            ]
            for rank, rid in enumerate(neighbours):
                batch.append(
                    StoryRelation(story_id=sid, related_id=rid, score=round(0.9 - 0.1 * rank, 3))
                )
            if len(batch) >= self.batch * 4:
                with transaction.atomic():
                    self.insert(StoryRelation, batch, "relations")
                batch = []
                self.progress()
        with transaction.atomic():
            self.insert(StoryRelation, batch, "relations")

    # -- finishing --------------------------------------------------------------------------------

    def finish(self) -> None:
        if connection.vendor == "postgresql":
            # Ids were set explicitly: move the sequences past them.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(
                    no_style(), [User, ContentItem, Story, Comment]
                ):
                    cursor.execute(sql)
                print("postgresql: VACUUM ANALYZE", flush=True)
                cursor.execute("VACUUM ANALYZE")
        else:
            with connection.cursor() as cursor:
                print("sqlite: ANALYZE", flush=True)
                cursor.execute("ANALYZE")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def run(self) -> None:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
        places = self.make_places()
        topics = self.make_topics()
        self.progress(force=True)
        self.make_members(places, topics)
        self.progress(force=True)
        summary = self.make_stories(places, topics)
        self.progress(force=True)
        self.make_relations(summary)
        self.progress(force=True)
        self.finish()
        self.progress(force=True)


def rebuild_search_index() -> bool:
    if "rebuild_search_index" not in get_commands():
        print(
            "search: `manage.py rebuild_search_index` does not exist yet: SKIPPED, search results will be empty",
            flush=True,
        )
        return False
    started = time.monotonic()
    print("search: manage.py rebuild_search_index", flush=True)
    call_command("rebuild_search_index")
    print(f"search: index rebuilt in {time.monotonic() - started:.1f}s", flush=True)
    return True


def index_state() -> dict[str, Any]:
    """What the search index was built against: the search app's applied migrations (a migration
    can change or empty the index) and how many documents it holds."""
    from django.apps import apps
    from django.db.migrations.recorder import MigrationRecorder

    applied = sorted(
        MigrationRecorder(connection)
        .migration_qs.filter(app="search")
        .values_list("name", flat=True)
    )
    documents = None
    if apps.is_installed("groundswell.search"):
        with contextlib.suppress(LookupError, DatabaseError):
            documents = apps.get_model("search", "SearchDocument").objects.count()
    return {"search_migrations": applied, "search_documents": documents}


def index_is_current(meta_path: Path | None) -> bool:
    if meta_path is None or not meta_path.exists():
        return False
    meta = json.loads(meta_path.read_text())
    recorded, now = meta.get("search_index") or {}, index_state()
    if not meta.get("search_indexed") or not now["search_documents"]:
        print("index check: the search index was never built or is empty", flush=True)
        return False
    if recorded != now:
        print(f"index check: the search index was built for {recorded}, now {now}", flush=True)
        return False
    print(f"index check: the search index is current ({now['search_documents']:,} documents)")
    return True


def current_size() -> dict[str, int]:
    return {
        "stories": Story.objects.count(),
        "members": User.objects.count(),
        "comments": Comment.objects.count(),
    }


def matches(requested: dict[str, int], seed: int, meta_path: Path | None) -> bool:
    """Is this database already the one we would generate? Saves minutes on a re-run."""
    if meta_path is None or not meta_path.exists():
        print("check: no record of a previous generation", flush=True)
        return False
    meta = json.loads(meta_path.read_text())
    expected = (GENERATOR_VERSION, seed, requested)
    if (meta.get("generator_version"), meta.get("seed"), meta.get("requested")) != expected:
        print(
            f"check: the previous generation used other parameters: {meta.get('requested')}",
            flush=True,
        )
        return False
    try:
        size = current_size()
    except DatabaseError as exc:
        print(f"check: cannot count rows ({exc.__class__.__name__})", flush=True)
        return False
    if size != requested:
        print(f"check: the database holds {size}, wanted {requested}", flush=True)
        return False
    print(f"check: the database already holds {size}: reusing it", flush=True)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument(
        "--meta", type=Path, help="write a JSON description of what was generated here"
    )
    parser.add_argument("--index-only", action="store_true", help="only rebuild the search index")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 0 if the database already holds exactly this data (per --meta and row counts), else 1",
    )
    parser.add_argument(
        "--index-check",
        action="store_true",
        help="exit 0 if the search index was built for the current search migrations, else 1",
    )
    args = parser.parse_args(argv)
    requested = {"stories": args.stories, "members": args.members, "comments": args.comments}
    if args.members < 1 and args.stories:
        parser.error("stories need at least one member")

    db = connection.settings_dict
    print(f"database: {connection.vendor} {db['NAME']}", flush=True)
    if args.check:
        return 0 if matches(requested, args.seed, args.meta) else 1
    if args.index_check:
        return 0 if index_is_current(args.meta) else 1
    if args.index_only:
        started = time.monotonic()
        indexed = rebuild_search_index()
        if args.meta and args.meta.exists():
            meta: dict[str, Any] = json.loads(args.meta.read_text())
            meta["search_indexed"] = indexed
            meta["search_index"] = index_state()
            meta["index_seconds"] = round(time.monotonic() - started, 1)
            args.meta.write_text(json.dumps(meta, indent=2))
        return 0
    if User.objects.exists() or Story.objects.exists():
        print(
            "error: the database already has members or stories; generate into a fresh database",
            file=sys.stderr,
        )
        return 2

    started = time.monotonic()
    gen = Generator(
        stories=args.stories,
        members=args.members,
        comments=args.comments,
        seed=args.seed,
        batch=args.batch_size,
    )
    # The page cache's row triggers (core/pagecache.py) would bump a version for every generated
    # row; no page is stored yet, so they are lifted for the bulk load and put back after it.
    remove_triggers()
    try:
        gen.run()
    finally:
        install_triggers()
    generated_s = time.monotonic() - started
    print(f"generated {gen.counts.total:,} rows in {generated_s:.1f}s", flush=True)
    index_started = time.monotonic()
    indexed = rebuild_search_index()
    meta = {
        "generator_version": GENERATOR_VERSION,
        "seed": args.seed,
        "requested": requested,
        "rows": gen.counts.rows,
        "generate_seconds": round(generated_s, 1),
        "total_seconds": round(time.monotonic() - started, 1),
        "index_seconds": round(time.monotonic() - index_started, 1),
        "search_indexed": indexed,
        "search_index": index_state(),
        "generated_at": gen.now.isoformat(),
        "vendor": connection.vendor,
    }
    if args.meta:
        args.meta.parent.mkdir(parents=True, exist_ok=True)
        args.meta.write_text(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
