from __future__ import annotations

import pytest

from groundswell.core.testing.factories import UserFactory
from groundswell.demo.introductions import load_introductions
from groundswell.follows.selectors import are_connected
from groundswell.introductions.models import Introduction, IntroductionStatus

pytestmark = pytest.mark.django_db


def test_demo_introductions_cover_each_status(org, org_admin):
    keys = ("member", "amara", "dev", "gwen", "tomasz", "shirley", "callum")
    users = {key: UserFactory(username=f"demo-{key}") for key in keys}
    said: list[str] = []
    load_introductions(users=users, places={}, topics={}, organisations=[org], say=said.append)
    statuses = sorted(Introduction.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [
            IntroductionStatus.CONNECTED,
            IntroductionStatus.PENDING,
            IntroductionStatus.DECLINED,
            IntroductionStatus.PENDING,
        ]
    )
    assert are_connected(users["amara"], users["dev"])
    load_introductions(users=users, places={}, topics={}, organisations=[org], say=said.append)
    assert Introduction.objects.count() == 4
