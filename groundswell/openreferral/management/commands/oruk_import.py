"""manage.py oruk_import FILE_OR_URL [--dry-run] [--publisher NAME] [--place SLUG]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError, CommandParser

from groundswell.openreferral import reading, services
from groundswell.places.models import Place


def _default_publisher(location: str) -> str:
    parts = urlsplit(location)
    if parts.scheme in ("http", "https"):
        return parts.hostname or location
    return Path(location).stem or location


class Command(BaseCommand):
    help = (
        "Import Open Referral UK services: a JSON file or address (one service, a list, or a "
        "paged API response) or a tabular package (a folder or .zip of CSV files). Every record "
        "is checked first; the valid ones are imported in one transaction and each invalid one "
        "is reported by its id. Importing the same records again updates them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "location", help="A file, a folder of CSV files, or an http(s) address."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report only; write nothing."
        )
        parser.add_argument(
            "--publisher",
            default="",
            help="Who published the data, shown as 'From Open Referral UK: <publisher>' "
            "(default: the address's host or the file's name).",
        )
        parser.add_argument(
            "--place",
            default="",
            help="Slug of the place for services whose addresses name no place we know "
            "(default: report them as invalid).",
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        location: str = options["location"]
        place = None
        if options["place"]:
            place = Place.objects.filter(slug=options["place"]).first()
            if place is None:
                raise CommandError(f"No place has the slug {options['place']!r}.")
        try:
            package = reading.from_location(location)
        except reading.Unreadable as exc:
            raise CommandError(str(exc)) from exc
        report = services.oruk_import(
            package=package,
            publisher=options["publisher"] or _default_publisher(location),
            actor=None,
            file_name=Path(urlsplit(location).path).name or location,
            default_place=place,
            dry_run=options["dry_run"],
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {**report.counts(), "errors": [str(error) for error in report.errors]},
                    indent=2,
                )
            )
        else:
            for error in report.errors:
                self.stderr.write(str(error))
            counts = report.counts()
            verb = "would import" if report.dry_run else "imported"
            self.stdout.write(
                f"{report.source}: {counts['received']} services read, {counts['valid']} valid, "
                f"{counts['invalid']} invalid, {counts['skipped']} left as they are (ours); "
                f"{verb}: {counts['services_created']} new, {counts['services_updated']} updated."
            )
        if report.failure:
            raise CommandError(f"Nothing was imported: {report.failure}")
