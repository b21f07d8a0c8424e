"""Topics: created, edited, retired and merged by administrators on the staff screen
(staff_views.py). Every change is in the audit log."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groundswell.audit.services import audit_record
from groundswell.core.staff import has_admin_powers
from groundswell.lib.text import clean_name, clean_text
from groundswell.topics.models import Topic

AUDIT_TOPIC_CHANGED = "topic_changed"


def _require_admin(actor: Any) -> None:
    if not has_admin_powers(actor):
        raise PermissionDenied(_("Only administrators can change topics."))


def _check_unique(*, name: str, slug: str, exclude: int | None = None) -> None:
    others = Topic.objects.exclude(pk=exclude) if exclude else Topic.objects.all()
    errors: dict[str, str] = {}
    if others.filter(name__iexact=name).exists():
        errors["name"] = _("There is already a topic called %(name)s.") % {"name": name}
    if others.filter(slug=slug).exists():
        errors["slug"] = _(
            "Another topic already has the address %(slug)s. Choose a different one."
        ) % {"slug": slug}
    if errors:
        raise ValidationError(errors)


def _slug(name: str, slug: str) -> str:
    slug = slugify(slug or name)[:90]
    if not slug:
        raise ValidationError({"slug": _("Enter an address made of letters, numbers and hyphens.")})
    return slug


@transaction.atomic
def topic_create(
    *, name: str, slug: str, description: str, actor: Any, request: HttpRequest | None = None
) -> Topic:
    """A new topic people can choose. The address (slug) comes from the name if none is given."""
    _require_admin(actor)
    name = clean_name(name)
    slug = _slug(name, slug)
    _check_unique(name=name, slug=slug)
    topic = Topic.objects.create(name=name, slug=slug, description=clean_text(description))
    audit_record(
        actor=actor,
        action=AUDIT_TOPIC_CHANGED,
        target=topic,
        details={"change": "created", "name": name, "slug": slug},
        request=request,
    )
    return topic


@transaction.atomic
def topic_update(
    *,
    topic: Topic,
    name: str,
    slug: str,
    description: str,
    actor: Any,
    request: HttpRequest | None = None,
) -> Topic:
    """Rename a topic, change its address or description. Stories keep it whatever changes."""
    _require_admin(actor)
    name = clean_name(name)
    slug = _slug(name, slug)
    _check_unique(name=name, slug=slug, exclude=topic.pk)
    before = {"name": topic.name, "slug": topic.slug}
    topic.name, topic.slug, topic.description = name, slug, clean_text(description)
    topic.save(update_fields=["name", "slug", "description"])
    audit_record(
        actor=actor,
        action=AUDIT_TOPIC_CHANGED,
        target=topic,
        details={"change": "edited", "from": before, "name": name, "slug": slug},
        request=request,
    )
    return topic


@transaction.atomic
def topic_retire(
    *, topic: Topic, actor: Any, restore: bool = False, request: HttpRequest | None = None
) -> Topic:
    """Stop offering a topic (or offer it again). Stories tagged with it keep it, and its page
    still lists them. A merged topic can't come back: its stories are in the other one now."""
    _require_admin(actor)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if restore:
        if topic.merged_into_id:
            raise ValidationError(
                _("%(name)s was merged into another topic, so it can't be restored.")
                % {"name": topic.name}
            )
        topic.retired_at = None
    else:
        topic.retired_at = topic.retired_at or timezone.now()
    topic.save(update_fields=["retired_at"])
    audit_record(
        actor=actor,
        action=AUDIT_TOPIC_CHANGED,
        target=topic,
        details={"change": "restored" if restore else "retired", "name": topic.name},
        request=request,
    )
    return topic


def _move_rows(through: Any, owner: str, source: Topic, target: Topic) -> list[int]:
    """Give everything tagged `source` the tag `target` instead (an M2M through table whose other
    column is `owner`_id), once each. Returns the owners' ids."""
    column = f"{owner}_id"
    ids = list(through.objects.filter(topic_id=source.pk).values_list(column, flat=True))
    through.objects.bulk_create(
        [through(**{column: pk, "topic_id": target.pk}) for pk in ids], ignore_conflicts=True
    )
    through.objects.filter(topic_id=source.pk).delete()
    return ids


@transaction.atomic
def topic_merge(
    *, source: Topic, target: Topic, actor: Any, request: HttpRequest | None = None
) -> Topic:
    """Merge `source` into `target`: its stories, the profiles that list it and the people who
    follow it move to `target`; `source` is retired and its address leads to `target`. Nothing
    tagged with it is lost."""
    from groundswell.accounts.models import Profile
    from groundswell.follows.models import Follow
    from groundswell.moderation.models import PreModerationRule
    from groundswell.stories.models import Story
    from groundswell.topics import tasks

    _require_admin(actor)
    locked = {
        t.pk: t for t in Topic.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
    }
    source, target = locked[source.pk], locked[target.pk]
    if source.pk == target.pk:
        raise ValidationError({"target": _("Choose a different topic to merge into.")})
    if target.is_retired:
        raise ValidationError(
            {
                "target": _("%(name)s is retired: choose a topic still in use.")
                % {"name": target.name}
            }
        )
    if source.merged_into_id:
        raise ValidationError(_("%(name)s has already been merged.") % {"name": source.name})
    story_ids = _move_rows(Story.topics.through, "story", source, target)
    _move_rows(Profile.topics.through, "profile", source, target)
    following = Follow.objects.filter(target_kind="topic", target_id=source.pk)
    already = Follow.objects.filter(target_kind="topic", target_id=target.pk).values("follower_id")
    following.exclude(follower_id__in=already).update(target_id=target.pk)
    following.delete()  # those who followed both keep their follow of the target
    if not PreModerationRule.objects.filter(topic=target).exists():
        PreModerationRule.objects.filter(topic=source).update(topic=target)
    source.retired_at = source.retired_at or timezone.now()
    source.merged_into = target
    source.save(update_fields=["retired_at", "merged_into"])
    # Topics merged into this one earlier lead to the target too.
    Topic.objects.filter(merged_into=source).update(merged_into=target)
    audit_record(
        actor=actor,
        action=AUDIT_TOPIC_CHANGED,
        target=source,
        details={
            "change": "merged",
            "name": source.name,
            "into": target.pk,
            "into_name": target.name,
            "stories": len(story_ids),
        },
        request=request,
    )
    if story_ids:
        transaction.on_commit(lambda: tasks.reindex_stories.enqueue(story_ids))
    return target
