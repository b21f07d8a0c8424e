"""A long property-based run of the REST API against its own OpenAPI schema (`make fuzz`).

The same checks as groundswell/api/tests/test_schemathesis.py, with many more generated
requests and a fresh random seed each time: no server errors, only documented status codes,
responses matching their JSON schema, invalid requests refused with a 4xx.

    .venv/bin/python bench/fuzz_api.py                    # SQLite, 100 examples per case
    .venv/bin/python bench/fuzz_api.py --examples 500
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/groundswell .venv/bin/python bench/fuzz_api.py

It runs in a throwaway test database (an in-memory SQLite database, or `test_<name>` on
PostgreSQL, created and dropped), never the one named in the settings. Exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--examples", type=int, default=100, help="generated requests per case (default 100)"
    )
    parser.add_argument(
        "--seed-data", type=int, default=30, help="stories to create first (default 30)"
    )
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    # Each refused request would log a warning; server errors still show.
    logging.disable(logging.WARNING)
    from django.conf import settings
    from django.db import connection
    from django.test.utils import (
        override_settings,
        setup_test_environment,
        teardown_test_environment,
    )

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(
            API_RATE_LIMIT_PER_TOKEN=0,
            API_RATE_LIMIT_ANONYMOUS=0,
            API_RATE_LIMIT_PER_IP=0,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
            MEDIA_ROOT=Path(settings.BASE_DIR) / "var" / "fuzz-media",
        ):
            return _run(args, settings)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def _run(args: argparse.Namespace, settings: Any) -> int:
    from django.core.wsgi import get_wsgi_application

    from groundswell.api.fuzzing import RealValues, fuzz, load_schema
    from groundswell.api.services import token_create
    from groundswell.core.testing import factories

    # factory_boy returns model instances that mypy would type as the factory.
    CommentFactory: Any = factories.CommentFactory
    PlaceFactory: Any = factories.PlaceFactory
    StoryFactory: Any = factories.StoryFactory
    TopicFactory: Any = factories.TopicFactory
    UserFactory: Any = factories.UserFactory
    from groundswell.stories.models import Status, Story

    topics = [
        TopicFactory(slug=slug, name=slug.title()) for slug in ("mental-health", "carers", "cancer")
    ]
    england = PlaceFactory(slug="england", name="England")
    leeds = PlaceFactory(slug="leeds", name="Leeds", level="county", parent=england)
    author = UserFactory(username="fuzz-author", display_name="Fuzz Author")
    other = UserFactory(username="fuzz-other", display_name="Fuzz Other")
    mine = StoryFactory(author=author, topics=topics[:2], place=leeds)
    draft = StoryFactory(author=author, status=Status.DRAFT, published_at=None, topics=topics[:1])
    for i in range(args.seed_data):
        StoryFactory(
            author=other,
            topics=topics[i % 3 : i % 3 + 1],
            identity=["named", "pseudonym", "anonymous"][i % 3],
            pseudonym="River" if i % 3 == 1 else "",
            audience=["public", "members"][i % 2],
        )
    comment = CommentFactory(story=mine, author=author)
    Story.objects.filter(pk=mine.pk).update(comment_count=1)
    _, write_secret = token_create(user=author, name="fuzz", scope="write", expires_in_days=1)
    _, read_secret = token_create(user=other, name="fuzz read", scope="read", expires_in_days=1)

    started = time.monotonic()
    report = fuzz(
        load_schema(get_wsgi_application()),
        max_examples=args.examples,
        derandomize=False,
        headers=[
            {},
            {"Authorization": f"Bearer {write_secret}"},
            {"Authorization": f"Bearer {read_secret}"},
        ],
        path_parameters=[
            {},
            {"story_id": draft.pk},
            {"story_id": mine.pk, "comment_id": comment.pk},
        ],
        real=RealValues(
            topic_slugs=[t.slug for t in topics],
            place_slugs=["leeds", "england"],
            notice_version=settings.CONSENT_NOTICE_VERSION,
            comment_ids=[comment.pk],
        ),
    )
    elapsed = time.monotonic() - started
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(report.statuses.items()))
    print(f"{report.calls} requests in {elapsed:.0f} s ({statuses})")
    if report.failures:
        print(f"\n{len(report.failures)} failing cases:\n")
        print("\n\n".join(report.failures))
        return 1
    print("No server errors, no schema violations.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
