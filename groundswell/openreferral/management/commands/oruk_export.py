"""manage.py oruk_export [--output FILE] [--format json|csv]"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from groundswell.openreferral import exporting


class Command(BaseCommand):
    help = (
        "Write this site's public services in Open Referral UK form: a JSON list of full "
        "services, or the tabular package (a .zip of CSV files)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", default="", help="File to write (default: standard output)."
        )
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        data = exporting.as_zip() if options["format"] == "csv" else exporting.as_json_bytes()
        if options["output"]:
            Path(options["output"]).write_bytes(data)
            self.stderr.write(f"Wrote {options['output']}.")
        elif options["format"] == "csv":
            sys.stdout.buffer.write(data)
        else:
            self.stdout.write(data.decode())
