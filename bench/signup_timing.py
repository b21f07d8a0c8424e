"""Time sign-up with an address that is new and with one that is already registered, side by side.

    .venv/bin/python bench/signup_timing.py                   # SQLite, 40 of each
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/groundswell .venv/bin/python bench/signup_timing.py
    .venv/bin/python bench/signup_timing.py --runs 100

Builds a throwaway database (test_signup_bench_<pid>, dropped afterwards) and posts the sign-up
form in-process with Django's test client, alternating a new address and a taken one, with the
production password hasher (Argon2) and mail kept in memory. If the two columns differ by more
than the noise, response time tells an outsider whether an address has an account.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=40, help="sign-ups of each kind")
    parser.add_argument(
        "--allauth-form",
        action="store_true",
        help="use allauth's own sign-up form, without accounts/signup.py (the timing before it)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gs-signup-bench-") as tmp:
        os.environ.setdefault("SQLITE_PATH", str(Path(tmp) / "bench.sqlite3"))

        import django

        # No collected static files are needed to time a form post.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test.utils import setup_test_environment

        settings.TASKS = {
            "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
        }
        # Many sign-ups from one address in a minute: allauth's limits would stop them.
        settings.ACCOUNT_RATE_LIMITS = False
        if args.allauth_form:
            settings.ACCOUNT_FORMS = {}
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
            f"test_signup_bench_{os.getpid()}"
        )
        setup_test_environment()  # mail goes to memory
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            run(args)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(args: argparse.Namespace) -> None:
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.core import mail
    from django.db import connection
    from django.test import Client

    from groundswell.accounts.models import User

    taken = User.objects.create_user(
        username="taken", email="taken@example.org", password=None, display_name="Taken"
    )
    EmailAddress.objects.create(user=taken, email=taken.email, verified=True, primary=True)

    def sign_up(email: str) -> float:
        client = Client()
        data = {
            "email": email,
            "password1": "a long and unusual passphrase 42",
            "password2": "a long and unusual passphrase 42",
            "display_name": "Bench Person",
        }
        started = time.perf_counter()
        response = client.post("/accounts/signup/", data)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 302:
            raise SystemExit(f"sign-up answered {response.status_code} for {email}")
        return elapsed

    sign_up("warm-up@example.org")  # imports, template loading, first connection
    sign_up(taken.email)
    new_ms: list[float] = []
    taken_ms: list[float] = []
    for i in range(args.runs):
        # Alternate, so drift (a warming cache, a busy neighbour) hits both columns alike.
        new_ms.append(sign_up(f"new-{i}@example.org"))
        taken_ms.append(sign_up(taken.email))
    mails = len(mail.outbox)

    print(
        f"database: {connection.vendor}, hasher: {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}"
    )
    print(f"sign-ups of each kind: {args.runs} (emails sent: {mails})")
    print(f"{'':14}{'p50 ms':>8}{'p95 ms':>8}{'min ms':>8}{'max ms':>8}")
    for label, values in (("new address", new_ms), ("taken address", taken_ms)):
        print(
            f"{label:14}{statistics.median(values):8.1f}{_percentile(values, 0.95):8.1f}"
            f"{min(values):8.1f}{max(values):8.1f}"
        )
    overlap = sum(1 for t in taken_ms if min(new_ms) <= t <= max(new_ms))
    print(f"taken-address sign-ups inside the new-address range: {overlap} of {args.runs}")


if __name__ == "__main__":
    main()
