"""Add the national help lines from settings.SAFEGUARDING_HELPLINES (else the UK defaults) to the
database: for a site that sets that setting after its help lines table was created."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from groundswell.safeguarding import conf, helplines
from groundswell.safeguarding.models import Helpline


class Command(BaseCommand):
    help = (
        "Add the national help lines from SAFEGUARDING_HELPLINES (or the UK defaults). "
        "With --replace, any other national help line stops being shown."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--replace", action="store_true")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        names = []
        for order, line in enumerate(conf.fallback_helplines(), start=1):
            row, created = Helpline.objects.update_or_create(
                name=line["name"],
                place=None,
                defaults={
                    "contact": line["contact"],
                    "description": line.get("description", ""),
                    "order": order * 10,
                    "is_active": True,
                },
            )
            names.append(row.name)
            self.stdout.write(f"{'Added' if created else 'Updated'}: {row.name}")
        if options["replace"]:
            hidden = Helpline.objects.national().exclude(name__in=names).update(is_active=False)
            self.stdout.write(f"No longer shown: {hidden} other national help lines.")
        helplines.forget()
