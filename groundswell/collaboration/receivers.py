"""How co-created resources plug into the shared apps: notifications, the stories app's edit
signal (so edits on the ordinary edit page reach the history), the story page's stored copies,
and the data export and account erasure."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from groundswell.collaboration import notifying, selectors, services


def erase_member(sender: Any, *, user: Any, **kwargs: Any) -> None:
    services.member_erase(user=user)


def connect() -> None:
    from groundswell.collaboration.models import CoAuthor, Suggestion
    from groundswell.core import pagecache
    from groundswell.privacy.signals import account_deleting, register_export_section
    from groundswell.stories import signals as story_signals

    notifying.register_types()
    story_signals.story_edited.connect(
        services.revision_from_story_edit, dispatch_uid="collaboration_revision_on_edit"
    )
    # The credits line is part of the story page that visitors and members share.
    pagecache.watch(CoAuthor, scopes=("story:{story_id}",), columns=("status",))
    pagecache.watch(Suggestion, scopes=("story:{story_id}",), columns=("status",))

    account_deleting.connect(erase_member, dispatch_uid="collaboration_erase_member")
    register_export_section(
        "resource_suggestions",
        selectors.export_suggestions,
        description=_("Edits you suggested to resources, with your notes and the answers."),
    )
    register_export_section(
        "resource_coauthorships",
        selectors.export_coauthorships,
        description=_("Resources you were invited to co-author, and your answers."),
    )
    register_export_section(
        "resource_edits",
        selectors.export_edits,
        description=_("Changes you made to resources (or suggested and had accepted)."),
    )
