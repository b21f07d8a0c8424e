"""The Open Referral UK profile's own JSON schemas (schemas/, vendored with their licence), and
validation against them with jsonschema-rs: the library validates, this module only words the
errors for people ("service <id>: <field>: <reason>").

The same schemas check what we import, every response of the read API and every export.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
HSDS_VERSION = "3.0"


@cache
def schema(name: str) -> dict[str, Any]:
    """A vendored schema by file name without .json: "service", "service_list", "taxonomy"..."""
    with (SCHEMA_DIR / f"{name}.json").open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@cache
def openapi() -> dict[str, Any]:
    return schema("openapi")


def page_schema(item_schema: dict[str, Any]) -> dict[str, Any]:
    """A paged response as the profile's OpenAPI describes it: its `Page` fields, all required
    here (the profile lists them as the paging fields every list returns), and `contents`."""
    page = openapi()["components"]["schemas"]["Page"]
    return {
        "type": "object",
        "properties": {
            **page["properties"],
            "contents": {"type": "array", "items": item_schema},
        },
        "required": [*page["properties"], "contents"],
    }


def root_schema() -> dict[str, Any]:
    """The `/` response (API metadata) from the profile's OpenAPI."""
    response = openapi()["paths"]["/"]["get"]["responses"]["200"]
    found: dict[str, Any] = response["content"]["application/json"]["schema"]
    return found


def _retrieve(uri: str) -> dict[str, Any]:
    """Schemas refer to each other by file name ("taxonomy_term.json"): served from schemas/,
    never fetched from the network."""
    name = uri.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json")
    if not (SCHEMA_DIR / f"{name}.json").is_file():
        raise FileNotFoundError(uri)
    return schema(name)


def validator(definition: dict[str, Any]) -> Any:
    """A validator for a schema; formats (uuid, email, uri, date-time) are part of the profile,
    so they are checked too."""
    return jsonschema_rs.validator_for(
        definition,
        validate_formats=True,
        retriever=_retrieve,
        base_uri="https://schemas.openreferraluk.invalid/",
    )


@cache
def _validator(name: str) -> Any:
    return validator(schema(name))


def _field(path: list[str | int], message: str, kind: Any) -> str:
    parts = [str(part) for part in path]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
        missing = getattr(kind, "property", None)
        if missing is not None:
            parts.append(str(missing).strip('"'))
    return ".".join(parts) or "(the record)"


def errors(record: Any, name: str = "service") -> list[tuple[str, str]]:
    """Every way `record` breaks the schema `name`, as (field, reason), in document order."""
    found = []
    for error in _validator(name).iter_errors(record):
        field = _field(list(error.instance_path), error.message, error.kind)
        found.append((field, error.message))
    return found


def is_valid(record: Any, name: str) -> bool:
    return bool(_validator(name).is_valid(record))


def property_types(name: str) -> dict[str, str]:
    """The JSON type of each top-level field of a schema: the CSV reader turns a cell into it."""
    return {
        key: str(value.get("type", "string"))
        for key, value in schema(name).get("properties", {}).items()
        if isinstance(value, dict)
    }
