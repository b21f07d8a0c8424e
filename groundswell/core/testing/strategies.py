"""Hypothesis strategies shared by tests (development dependency; never imported by the app)."""

from __future__ import annotations

import base64
import datetime as dt
import json

from hypothesis import strategies as st

from groundswell.lib import cursors


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# Times anywhere in the calendar, with any offset a time may have (up to a minute short of a day),
# or none. Hypothesis takes naive bounds and adds the zone itself.
_offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
_times = st.datetimes(
    min_value=dt.datetime.min,  # noqa: DTZ901
    max_value=dt.datetime.max,  # noqa: DTZ901
    timezones=st.one_of(st.none(), _offsets),
).map(lambda when: when.isoformat())
# Times at the ends of the calendar, where an offset can carry the time out of it in UTC.
_edge_times = st.one_of(
    st.datetimes(min_value=dt.datetime(9999, 12, 30), timezones=_offsets),  # noqa: DTZ001
    st.datetimes(max_value=dt.datetime(1, 1, 2), timezones=_offsets),  # noqa: DTZ001
).map(lambda when: when.isoformat())
_numbers = st.integers().map(str) | st.sampled_from(
    [str(2**63 - 1), str(2**63), str(-(2**63)), str(-(2**63) - 1), str(2**31), "1e309", "NaN",
     "inf", "-0", " 7", "٣", "²", "1_000", "0x10", ""]
)  # fmt: skip
_firsts = _times | _edge_times | _numbers | st.text(max_size=40)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)

# Our own "<key>|<id>" format with a time or number as the key, at the ends of the calendar and
# past 64 bits as often as in the middle, and a plausible id.
cursor_positions = st.builds(
    cursors.encode,
    st.one_of(_edge_times, _times, _numbers),
    st.integers(min_value=1, max_value=cursors.MAX_INT).map(str) | _numbers,
)

# Cursors a client could send: our format with any key and id; base64 of JSON, of any bytes, of
# text with NUL or lone surrogates; and strings that are not base64 at all.
crafted_cursors = st.one_of(
    cursor_positions,
    st.builds(cursors.encode, _firsts, _numbers | _firsts),
    _json.map(lambda value: b64(json.dumps(value).encode())),
    st.binary(max_size=60).map(b64),
    st.text(max_size=40).map(lambda text: b64(text.encode("utf-8", "surrogatepass"))),
    st.text(max_size=40),
)
