"""Property-based testing of the API against its own OpenAPI schema (schemathesis + Hypothesis).

Used by the bounded run in the test suite (groundswell/api/tests/test_schemathesis.py) and the
larger run in bench/fuzz_api.py. Every operation is called with generated requests, valid and
invalid, anonymous and with a read-and-write token; each response must be no server error, have
a status code the schema documents, and match the documented JSON schema. Invalid requests must
be refused with a 4xx.

Needs the development dependencies (schemathesis, hypothesis); never imported by the app itself.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

POSITIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [not_a_server_error, status_code_conformance, negative_data_rejection]


@dataclass
class FuzzReport:
    calls: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def count(self, status: int) -> None:
        self.calls += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


@dataclass(frozen=True)
class RealValues:
    """Values that exist in the database, so valid requests can get past "unknown topic"."""

    topic_slugs: list[str]
    place_slugs: list[str]
    notice_version: str
    comment_ids: list[int] = field(default_factory=list)

    def apply(self, body: Any) -> Any:
        if not isinstance(body, dict):
            return body
        body = dict(body)
        if "topics" in body and self.topic_slugs:
            body["topics"] = self.topic_slugs[: max(1, min(len(body["topics"] or []), 3))]
        if body.get("place") is not None and self.place_slugs:
            body["place"] = self.place_slugs[0]
        if "consent" in body:
            body["consent"] = True
            body["notice_version"] = self.notice_version
        if body.get("parent_id") is not None and self.comment_ids:
            body["parent_id"] = self.comment_ids[0]
        return body


def load_schema(app: Any) -> Any:
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


def _property(
    hypothesis_settings: Any,
    strategy: Any,
    checks: list[Any],
    extra_headers: dict[str, str],
    report: FuzzReport,
    real: RealValues | None,
) -> Any:
    @hypothesis_settings
    @given(case=strategy, which=st.integers(0, 3))
    def run(case: Any, which: int) -> None:
        # Three valid bodies in four use real topics, places, consent and comments, so requests
        # get past "unknown topic" and reach the services.
        if real is not None and which != 3 and isinstance(case.body, dict):
            case.body = real.apply(case.body)
        response = case.call(headers=extra_headers)
        report.count(response.status_code)
        case.validate_response(response, checks=checks, headers=extra_headers)

    return run


def fuzz(
    schema: Any,
    *,
    max_examples: int,
    headers: Iterable[dict[str, str]] = ({},),
    path_parameters: Iterable[dict[str, Any]] = ({},),
    modes: Iterable[str] = ("positive", "negative"),
    derandomize: bool = True,
    real: RealValues | None = None,
    report: FuzzReport | None = None,
) -> FuzzReport:
    """Call every operation with generated requests; collect failures rather than stop.

    `headers` gives each credential to try (e.g. none, a token); `path_parameters` gives fixed
    ids to aim at real objects as well as random ones (keys an operation lacks are ignored).
    """
    report = report or FuzzReport()
    hypothesis_settings = settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=derandomize,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
        verbosity=Verbosity.quiet,
    )
    for result in schema.get_all_operations():
        operation = result.ok()
        names = {p.name for p in operation.path_parameters}
        for mode in modes:
            generation_mode = schemathesis.GenerationMode(mode)
            checks = POSITIVE_CHECKS if mode == "positive" else NEGATIVE_CHECKS
            for fixed in path_parameters:
                fixed_here = {k: v for k, v in fixed.items() if k in names}
                if fixed and not fixed_here:
                    continue  # these ids don't apply; the unfixed run covers it
                for extra_headers in headers:
                    strategy = operation.as_strategy(
                        generation_mode=generation_mode, path_parameters=fixed_here or None
                    )
                    run = _property(
                        hypothesis_settings,
                        strategy,
                        checks,
                        extra_headers,
                        report,
                        real if mode == "positive" else None,
                    )
                    label = (
                        f"{operation.label} [{mode}]"
                        f"{' ' + str(fixed_here) if fixed_here else ''}"
                        f"{' with token' if extra_headers else ''}"
                    )
                    try:
                        run()
                    except Unsatisfiable:
                        pass  # nothing about this request can be made invalid
                    except Exception:
                        report.failures.append(f"{label}\n{traceback.format_exc(limit=3)}")
    return report
