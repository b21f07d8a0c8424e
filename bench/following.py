"""The Following page's data for make bench: one member who follows 50 people, 20 organisations,
10 topics and 5 places in the generated community, and a way to take it all back out.

    prepare() -> Following     # before the server is measured (bench/measure.py, "following")
    cleanup()                  # after: the database holds what bench/generate.py wrote again

bench/generate.py makes no organisations and no follows. prepare() adds 20 organisations and
posts 1 story in 1,000 as one of them (identity "organisation"), so following an organisation
brings stories, then writes the member's 85 follows as rows (not through the services: nobody is
notified). What it changed is written to a restore file first, so a run that died half-way is
undone by the next prepare() or cleanup().

The follower is the generated member with the highest id (no special role, nothing followed).
People followed: the 50 members with the most stories shared under their own name (so the
feed's person filter has rows to find); topics: the 10 first; places: the 5 counties with the
most stories (a place brings the stories of the places within it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WANTED = {"person": 50, "organisation": 20, "topic": 10, "place": 5}
ORG_SLUG_PREFIX = "bench-org-"
STORIES_PER_ORG_MODULO = 1000  # story id % 1000 == k is posted as organisation k


@dataclass
class Following:
    user_id: int
    follows: dict[str, int] = field(default_factory=dict)
    organisation_stories: int = 0
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "follows": self.follows,
            "organisation_stories": self.organisation_stories,
            "note": self.note,
        }


def restore_path() -> Path:
    from django.db import connection

    name = Path(str(connection.settings_dict["NAME"])).name
    return ROOT / "var" / "bench" / f"following-restore-{connection.vendor}-{name}.json"


def organisations_supported() -> bool:
    """Whether this tree lets stories be posted as an organisation and organisations be followed."""
    from groundswell.follows import registry
    from groundswell.stories.models import Story

    fields = {f.name for f in Story._meta.get_fields()}
    return "organisation" in fields and "organisation" in registry.kinds()


# Tables whose planner statistics the changes below make stale. bench/generate.py analyses the
# database while the page cache's version table is nearly empty; prepare() and cleanup() then add
# a version row per changed story, and with the old statistics PostgreSQL kept scanning the whole
# table on every page's version check (13 ms a request on a busy machine), which slowed every
# page measured after them.
TOUCHED_TABLES = (
    "core_scopeversion",
    "follows_follow",
    "stories_story",
    "organisations_organisation",
)


def analyse_touched() -> None:
    from django.db import connection

    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in (t for t in TOUCHED_TABLES if t in existing):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def cleanup() -> None:
    """Undo prepare(): the follows, the organisations' stories, the organisations."""
    from django.db import transaction

    from groundswell.follows.models import Follow

    path = restore_path()
    if not path.exists():
        return
    saved = json.loads(path.read_text())
    with transaction.atomic():
        Follow.objects.filter(follower_id=saved["user_id"]).delete()
        if saved.get("stories"):
            from groundswell.organisations.models import Organisation
            from groundswell.stories.models import Story

            by_identity: dict[str, list[int]] = {}
            for story_id, identity in saved["stories"]:
                by_identity.setdefault(identity, []).append(story_id)
            for identity, ids in by_identity.items():
                Story.objects.filter(pk__in=ids).update(identity=identity, organisation=None)
            Organisation.objects.filter(slug__startswith=ORG_SLUG_PREFIX).delete()
    path.unlink()
    analyse_touched()


def prepare() -> Following:
    from django.db import transaction
    from django.db.models import Count
    from django.db.models.functions import Mod

    from groundswell.accounts.models import User
    from groundswell.follows.models import Follow
    from groundswell.places.models import Place, PlaceLevel
    from groundswell.stories.models import Identity, Story
    from groundswell.topics.models import Topic

    cleanup()
    user = (
        User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .order_by("-id")
        .first()
    )
    if user is None:
        raise SystemExit("following: no member to follow things")
    result = Following(user_id=user.pk)
    targets: dict[str, list[int]] = {
        "person": list(
            Story.objects.filter(identity=Identity.NAMED)
            .exclude(author_id=user.pk)
            .values("author_id")
            .annotate(n=Count("id"))
            .order_by("-n", "author_id")
            .values_list("author_id", flat=True)[: WANTED["person"]]
        ),
        "topic": list(Topic.objects.order_by("id").values_list("id", flat=True)[: WANTED["topic"]]),
        "place": list(
            Place.objects.filter(level=PlaceLevel.COUNTY)
            .annotate(n=Count("stories"))
            .order_by("-n", "id")
            .values_list("id", flat=True)[: WANTED["place"]]
        ),
    }
    saved: dict[str, Any] = {"user_id": user.pk, "stories": []}
    path = restore_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if organisations_supported():
        from groundswell.organisations.models import Organisation

        changed = list(
            Story.objects.annotate(k=Mod("id", STORIES_PER_ORG_MODULO))
            .filter(k__lt=WANTED["organisation"])
            .values_list("id", "identity")
        )
        saved["stories"] = changed
        # Written before the change, so a crash part-way is undone next time.
        path.write_text(json.dumps(saved))
        with transaction.atomic():
            orgs = Organisation.objects.bulk_create(
                [
                    Organisation(
                        name=f"Bench organisation {k}",
                        slug=f"{ORG_SLUG_PREFIX}{k}",
                        kind="community_group",
                        description="Made by bench/following.py for the Following benchmark.",
                    )
                    for k in range(WANTED["organisation"])
                ]
            )
            org_ids = sorted(o.pk for o in orgs)
            for k, org_id in enumerate(org_ids):
                Story.objects.annotate(m=Mod("id", STORIES_PER_ORG_MODULO)).filter(m=k).update(
                    identity="organisation", organisation_id=org_id
                )
        targets["organisation"] = org_ids
        result.organisation_stories = len(changed)
    else:
        path.write_text(json.dumps(saved))
        result.note = "this tree cannot post stories as an organisation or follow one: no organisation follows"
    with transaction.atomic():
        Follow.objects.bulk_create(
            [
                Follow(follower_id=user.pk, target_kind=kind, target_id=target_id)
                for kind, ids in targets.items()
                for target_id in ids
            ]
        )
    result.follows = {kind: len(ids) for kind, ids in targets.items()}
    analyse_touched()
    return result
