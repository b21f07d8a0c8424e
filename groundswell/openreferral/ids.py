"""Open Referral ids for our own rows, derived from their primary keys, so they never change and
need no table or write on read.

An imported row keeps its publisher's id (Asset.source_id, Location.source_id,
ImportedOrganisation.source_id, TaxonomyTerm.uuid). A row added on Groundswell gets a version 8
("custom", RFC 9562) UUID: a fixed prefix, a code for the kind of row and the primary key, e.g.
`67726f75-6e64-8002-8000-00000000002a` is service (asset) 42. Reading one back is parsing, not a
lookup.
"""

from __future__ import annotations

import uuid

_PREFIX = "67726f75-6e64"  # "ground" in hex: says where the id came from

ORGANISATION = 1
SERVICE = 2
LOCATION = 3
SERVICE_AT_LOCATION = 4
TOPIC = 5
TAXONOMY = 6
SCHEDULE = 7
ADDRESS = 8

# Our topics are served as one taxonomy with this id.
TOPICS_TAXONOMY_ID = "67726f75-6e64-8006-8000-000000000001"


def make(kind: int, pk: int) -> str:
    return f"{_PREFIX}-8{kind:03x}-8000-{pk:012x}"


def parse(value: str, kind: int) -> int | None:
    """The primary key an id of ours of this kind names, or None if it is not one."""
    try:
        text = str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return None
    head = f"{_PREFIX}-8{kind:03x}-8000-"
    if not text.startswith(head):
        return None
    return int(text[len(head) :], 16)


def is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def derived(*parts: object) -> str:
    """A stable id for a row that has no key of its own here (a service's attribute: the
    pair of service and term)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "groundswell:" + ":".join(map(str, parts))))
