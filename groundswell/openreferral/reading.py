"""Reading an Open Referral UK file into plain records: services JSON (one service, a list of
services, or a paged API response) or the tabular package (services.csv, organizations.csv,
locations.csv, service_at_locations.csv, ... in a folder or a .zip).

Nothing here decides whether a record is right (standard.py and importing.py do); a file that
cannot be read at all raises `Unreadable` with words for the person who chose it.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.request
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext as _

URL_TIMEOUT_S = 30
MAX_URL_PAGES = 200  # a paged API is followed this far at most
MAX_BYTES = 200 * 1024 * 1024


class Unreadable(Exception):
    """The file is not Open Referral data at all (not JSON, not a CSV package, cut short...)."""


@dataclass
class Package:
    """What a file holds: services as the profile nests them, and the lookup tables a service
    may point into by id (organisations, taxonomies and terms sent alongside)."""

    services: list[Any] = field(default_factory=list)
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)
    taxonomies: dict[str, dict[str, Any]] = field(default_factory=dict)
    taxonomy_terms: dict[str, dict[str, Any]] = field(default_factory=dict)


def _json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise Unreadable(_("The file is not text in UTF-8: %(error)s") % {"error": exc}) from exc
    except json.JSONDecodeError as exc:
        raise Unreadable(
            _("The file is not valid JSON: line %(line)s, column %(column)s: %(error)s")
            % {"line": exc.lineno, "column": exc.colno, "error": exc.msg}
        ) from exc


def _services_from_json(loaded: Any) -> tuple[list[Any], dict[str, Any] | None]:
    """The services in a JSON document, and the paging fields if it was a page."""
    if isinstance(loaded, list):
        return loaded, None
    if isinstance(loaded, dict) and isinstance(loaded.get("contents"), list):
        return loaded["contents"], loaded
    if isinstance(loaded, dict) and ("id" in loaded or "name" in loaded):
        return [loaded], None
    raise Unreadable(
        _(
            "The file is JSON but not Open Referral services: expected one service, a list of "
            "services, or a page of them with its contents."
        )
    )


def from_json_bytes(data: bytes) -> Package:
    services, _page = _services_from_json(_json(data))
    return Package(services=services)


# --- the tabular package ---------------------------------------------------------------------

# Files by the tables' names; the profile's examples use both singular and plural names.
_TABLES = {
    "services": ("services.csv",),
    "organizations": ("organizations.csv",),
    "locations": ("locations.csv",),
    "service_at_locations": ("service_at_locations.csv", "service_at_location.csv"),
    "addresses": ("addresses.csv", "address.csv"),
    "accessibility": ("accessibility.csv",),
    "schedules": ("schedules.csv", "schedule.csv"),
    "taxonomies": ("taxonomies.csv", "taxonomy.csv"),
    "taxonomy_terms": ("taxonomy_terms.csv",),
    "attributes": ("attributes.csv", "attribute.csv"),
}

# Each CSV cell is text; the schema says which fields are numbers (a service's ages, a
# location's coordinates, a schedule's interval), so the cell is read as what the schema expects.
_NUMERIC = {
    "services": {"minimum_age", "maximum_age"},
    "locations": {"latitude", "longitude"},
    "schedules": {"interval"},
}


# Fields the profile requires even when there is nothing to say (an address's state or
# province, a description): an empty cell there is an empty string, not a missing field.
_REQUIRED_TEXT = {
    "addresses": {"address_1", "city", "state_province", "postal_code", "country", "address_type"},
    "organizations": {"description"},
    "taxonomies": {"description"},
    "taxonomy_terms": {"description"},
}


def _cell(table: str, name: str, value: str) -> Any:
    if name in _NUMERIC.get(table, ()):
        try:
            number = float(value)
        except ValueError:
            return value  # left as text, so the schema reports it as not a number
        return int(number) if number.is_integer() else number
    return value


def _rows(text: str, table: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for raw in reader:
        keep_empty = _REQUIRED_TEXT.get(table, set())
        row = {
            key.strip(): _cell(table, key.strip(), (value or "").strip())
            for key, value in raw.items()
            if key and value is not None and (str(value).strip() != "" or key.strip() in keep_empty)
        }
        if row:
            rows.append(row)
    return rows


def from_tables(files: dict[str, str]) -> Package:
    """Build nested services from the package's CSV tables (file name -> text)."""
    lowered = {Path(name).name.lower(): text for name, text in files.items()}
    tables: dict[str, list[dict[str, Any]]] = {}
    for table, names in _TABLES.items():
        for name in names:
            if name in lowered:
                tables[table] = _rows(lowered[name], table)
                break
    if "services" not in tables:
        raise Unreadable(
            _("The package has no services.csv: an Open Referral tabular package needs one.")
        )

    by_id: dict[str, dict[str, dict[str, Any]]] = {
        table: {str(row["id"]): row for row in rows if "id" in row}
        for table, rows in tables.items()
    }
    children: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for table, key in (
        ("addresses", "location_id"),
        ("accessibility", "location_id"),
        ("schedules", "service_id"),
        ("service_at_locations", "service_id"),
        ("attributes", "link_id"),
    ):
        for row in tables.get(table, []):
            if key in row:
                children[table][str(row[key])].append(row)

    def attributes(link_id: str) -> list[dict[str, Any]]:
        found = []
        for row in children["attributes"].get(link_id, []):
            attribute = dict(row)
            term = by_id.get("taxonomy_terms", {}).get(str(row.get("taxonomy_term_id")))
            if term is not None:
                attribute["taxonomy_term"] = dict(term)
            found.append(attribute)
        return found

    def location(location_id: str) -> dict[str, Any] | None:
        row = by_id.get("locations", {}).get(location_id)
        if row is None:
            return None
        nested = dict(row)
        nested["addresses"] = [dict(a) for a in children["addresses"].get(location_id, [])]
        nested["accessibility"] = [dict(a) for a in children["accessibility"].get(location_id, [])]
        return nested

    services = []
    for row in tables["services"]:
        service = dict(row)
        service_id = str(row.get("id", ""))
        organization = by_id.get("organizations", {}).get(str(row.get("organization_id")))
        if organization is not None:
            service["organization"] = dict(organization)
        service["schedules"] = [dict(s) for s in children["schedules"].get(service_id, [])]
        at_locations = []
        for link in children["service_at_locations"].get(service_id, []):
            nested_link = dict(link)
            found = location(str(link.get("location_id", "")))
            if found is not None:
                nested_link["location"] = found
            at_locations.append(nested_link)
        service["service_at_locations"] = at_locations
        service["attributes"] = attributes(service_id)
        services.append(service)
    return Package(
        services=services,
        organizations=by_id.get("organizations", {}),
        taxonomies=by_id.get("taxonomies", {}),
        taxonomy_terms=by_id.get("taxonomy_terms", {}),
    )


def _from_zip(data: bytes) -> Package:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise Unreadable(_("The file is not a readable zip archive.")) from exc
    files = {}
    total = 0
    for info in archive.infolist():
        if info.is_dir() or not info.filename.lower().endswith(".csv"):
            continue
        total += info.file_size
        if total > MAX_BYTES:
            raise Unreadable(_("The package is too large to import in one go."))
        files[info.filename] = _text(archive.read(info), info.filename)
    return from_tables(files)


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(
            _("%(name)s is not text in UTF-8: %(error)s") % {"name": name, "error": exc}
        ) from exc


def from_bytes(data: bytes, name: str = "") -> Package:
    """A package from an uploaded or downloaded file: a zip of CSV tables, or JSON."""
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".zip"):
        return _from_zip(data)
    if name.lower().endswith(".csv"):
        return from_tables({Path(name).name: _text(data, name)})
    return from_json_bytes(data)


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT_S) as response:  # noqa: S310
            data: bytes = response.read(MAX_BYTES + 1)
    except OSError as exc:
        raise Unreadable(
            _("Could not read %(url)s: %(error)s") % {"url": url, "error": exc}
        ) from exc
    if len(data) > MAX_BYTES:
        raise Unreadable(_("The file is too large to import in one go."))
    return data


def _with_page(url: str, page: int) -> str:
    parts = urlsplit(url)
    query = [item for item in parts.query.split("&") if item and not item.startswith("page=")]
    query.append(urlencode({"page": page}))
    return urlunsplit(parts._replace(query="&".join(query)))


def from_url(url: str) -> Package:
    """A package from a web address (http or https only); a paged API is followed page by page."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise Unreadable(_("Only http and https addresses can be read."))
    data = _fetch(url)
    if data[:4] == b"PK\x03\x04" or urlsplit(url).path.lower().endswith(".zip"):
        return _from_zip(data)
    services, page = _services_from_json(_json(data))
    services = list(services)
    number = int(page.get("page_number") or 1) if page else 1
    while page is not None and page.get("last_page") is False and number < MAX_URL_PAGES:
        number += 1
        more, page = _services_from_json(_json(_fetch(_with_page(url, number))))
        services.extend(more)
        if not more:
            break
    return Package(services=services)


def from_path(path: Path) -> Package:
    """A package from a file, or from a folder of CSV tables."""
    if path.is_dir():
        return from_tables(
            {child.name: _text(child.read_bytes(), child.name) for child in path.glob("*.csv")}
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(
            _("Could not read %(path)s: %(error)s") % {"path": path, "error": exc}
        ) from exc
    return from_bytes(data, path.name)


def from_location(location: str) -> Package:
    """A file path, folder or web address, as given to `manage.py oruk_import`."""
    if urlsplit(location).scheme in ("http", "https"):
        return from_url(location)
    return from_path(Path(location))
