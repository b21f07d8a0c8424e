from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from groundswell.safeguarding.checks import find_crisis_language, find_personal_data


class Command(BaseCommand):
    help = (
        "Run the safeguarding checks over a column of a CSV file and print how often each fires, "
        "to tune the phrase lists on your own data. Prints counts only, never the text."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--column", default="text", help="The column holding the text.")

    def handle(self, *args: Any, path: Path, column: str, **options: Any) -> None:
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        csv.field_size_limit(sys.maxsize)
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if column not in (reader.fieldnames or []):
                raise CommandError(f"No column {column!r}; the columns are {reader.fieldnames}")
            texts = sorted({row[column] for row in reader if row[column]})
        crisis_texts = personal_texts = 0
        kinds: Counter[str] = Counter()
        for text in texts:
            crisis, personal = find_crisis_language(text), find_personal_data(text)
            crisis_texts += bool(crisis)
            personal_texts += bool(personal)
            kinds.update(f"{f.kind} ({'denied' if f.negated else f.severity})" for f in crisis)
            kinds.update(f.kind for f in personal)
        total = len(texts) or 1
        self.stdout.write(f"{len(texts)} distinct texts")
        self.stdout.write(f"crisis language: {crisis_texts} ({crisis_texts / total:.1%})")
        self.stdout.write(f"personal data:   {personal_texts} ({personal_texts / total:.1%})")
        for kind, count in kinds.most_common():
            self.stdout.write(f"  {kind}: {count}")
