"""The API against its own OpenAPI schema: generated requests, valid and invalid, anonymous and
with a token, must never cause a server error or a response the schema does not describe.

Bounded to run in well under a minute; bench/fuzz_api.py runs the same with many more cases.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.wsgi import get_wsgi_application

from groundswell.api.fuzzing import RealValues, fuzz, load_schema
from groundswell.core.testing.factories import (
    CommentFactory,
    PlaceFactory,
    StoryFactory,
    TopicFactory,
)
from groundswell.stories.models import Status, Story

MAX_EXAMPLES = 12


@pytest.mark.django_db(transaction=True)
def test_api_conforms_to_its_schema_under_generated_requests(owner, member, token_for):
    topic = TopicFactory(slug="mental-health", name="Mental health")
    PlaceFactory(slug="leeds", name="Leeds")
    mine = StoryFactory(author=owner, topics=[topic])
    draft = StoryFactory(author=owner, status=Status.DRAFT, published_at=None, topics=[topic])
    StoryFactory(author=member, identity="anonymous", audience="members", topics=[topic])
    comment = CommentFactory(story=mine, author=owner)
    Story.objects.filter(pk=mine.pk).update(comment_count=1)  # the factory skips the service
    token = {"Authorization": f"Bearer {token_for(owner, 'write')}"}

    schema = load_schema(get_wsgi_application())
    report = fuzz(
        schema,
        max_examples=MAX_EXAMPLES,
        headers=[{}, token],
        path_parameters=[
            {},
            {"story_id": draft.pk},
            {"story_id": mine.pk, "comment_id": comment.pk},
        ],
        real=RealValues(
            topic_slugs=["mental-health"],
            place_slugs=["leeds"],
            notice_version=settings.CONSENT_NOTICE_VERSION,
            comment_ids=[comment.pk],
        ),
    )
    print(report.statuses)

    assert report.calls > 500
    assert report.server_errors == 0, report.statuses
    assert not report.failures, "\n\n".join(report.failures)
    assert report.calls <= settings.API_RATE_LIMIT_PER_TOKEN  # the limits never interfered
