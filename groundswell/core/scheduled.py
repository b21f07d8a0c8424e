"""Jobs that run on a timer, each declared once by the app that owns it.

An app registers its job from its AppConfig.ready()::

    from groundswell.core.scheduled import register_job
    register_job("assets.review_reminders", send_review_reminders, every_minutes=60)

`manage.py run_scheduled` (started by `make run`, or run with --once from cron or a system timer)
calls every job whose interval has passed. A job must be idempotent: running it twice, or on two
servers at once, does no harm (it claims or marks what it handled). It returns a short summary
(a dict of counts, or None) for the log. Core never imports the apps that register here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    run: Callable[[], Any]
    # How often it is due, at most; the command checks every --interval seconds.
    every_minutes: int = 1


_jobs: dict[str, ScheduledJob] = {}


def register_job(name: str, run: Callable[[], Any], *, every_minutes: int = 1) -> None:
    """Add (or replace) a job. `run()` takes no arguments and must be idempotent."""
    if every_minutes < 1:
        raise ValueError("every_minutes must be at least 1")
    _jobs[name] = ScheduledJob(name=name, run=run, every_minutes=every_minutes)


def unregister_job(name: str) -> None:
    """For tests that register a job of their own."""
    _jobs.pop(name, None)


def jobs() -> list[ScheduledJob]:
    return sorted(_jobs.values(), key=lambda job: job.name)
