"""Reads for the data-rights pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch

from groundswell.privacy.models import DataExport
from groundswell.stories.models import ConsentAction, Status, Story, StoryConsent

if TYPE_CHECKING:
    from groundswell.accounts.models import User


def latest_export(user: User) -> DataExport | None:
    return DataExport.objects.filter(user=user).order_by("-created_at", "-id").first()


def consent_history(user: User) -> list[StoryConsent]:
    """Every consent record of the person, newest first, with the story it is about."""
    return list(
        StoryConsent.objects.filter(user=user)
        .select_related("story")
        .order_by("-created_at", "-id")
    )


def published_with_consent(user: User) -> list[Story]:
    """The person's published stories, each with its consent records (newest first) attached."""
    consents = StoryConsent.objects.filter(action=ConsentAction.GIVEN).order_by(
        "-created_at", "-id"
    )
    return list(
        Story.objects.filter(author=user, status=Status.PUBLISHED)
        .prefetch_related(Prefetch("consents", queryset=consents, to_attr="given"))
        .order_by("-published_at", "-id")
    )
