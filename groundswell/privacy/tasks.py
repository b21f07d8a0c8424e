"""Background work for data rights, run by `manage.py db_worker`."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from groundswell.privacy import services


@task()
def build_data_export(export_id: int) -> None:
    """Build one person's export ZIP file."""
    services.export_build(export_id=export_id)


@task()
def expire_data_export(export_id: int) -> None:
    """Delete an export's file when its download link runs out (deferred to that moment)."""
    services.export_expire(export_id=export_id)


@task()
def purge_user_sessions(user_id: int) -> int:
    """Remove the stored sessions of a deleted account."""
    return services.sessions_purge_for_user(user_id=user_id)


@task()
def apply_retention() -> dict[str, Any]:
    """The retention policy as a task, for sites that trigger it from their own scheduler."""
    from groundswell.privacy.retention import apply_retention as run

    return run(dry_run=False).as_dict()
