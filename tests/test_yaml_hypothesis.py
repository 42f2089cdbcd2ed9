"""Property test: load_yaml(text) equals stock ruamel safe loading, or both fail.

CI runs 2,000 examples per test; set NEWSMETA_HYPOTHESIS_EXAMPLES for more (or fewer).
"""

from __future__ import annotations

import io
import os
from datetime import date, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from ._yaml_support import ours, stock

settings.register_profile(
    "newsmeta-yaml",
    max_examples=int(os.environ.get("NEWSMETA_HYPOTHESIS_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SETTINGS = settings.get_profile("newsmeta-yaml")

TRICKY = [
    "no", "on", "off", "yes", "y", "n", "NO", "True", "false", "FALSE", "null", "Null", "~", "",
    "0123", "0o17", "0x1F", "0X1F", "0b101", "1_000", "+12", "-0", "12:30:45", "1:20", "1e3",
    "1E-3", "1.5e+3", ".5", "0.", "._", "-_", ".inf", "-.Inf", ".NaN", "nan", "2020-01-02",
    "2020-1-2", "2023-02-30", "0000-00-00", "2020-01-01 25:00:00",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
    "2020-12-07T08:52:06.835428Z", "2001-12-14T21:59:43.1234567Z", "<<", "=", "- a", "a: b",
    "#x", "&a", "*a", "!x", "@x", "`x", "%x", "'q'", '"dq"', "x\ny", " lead", "trail ", "é",
    "a\tb", "http://x.y/z?q=1#f", "[x]", "{x}", "? x", "|", ">",
]  # fmt: skip

scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=12),
    st.text(alphabet="0123456789-+:._eExob TZ", max_size=14),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.just(timezone.utc)),
    st.datetimes(timezones=st.just(timezone(timedelta(hours=-5)))),
)
keys = st.one_of(st.sampled_from(TRICKY), st.text(max_size=8), st.integers())
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=20,
)


def assert_same(text: str) -> None:
    expected, got = stock(text), ours(text)
    assert expected[0] == got[0], (text, expected, got)
    if expected[0] == "ok":
        assert expected == got, text


def dump(data: Any, flow: bool | None, width: int, indent: tuple[int, int]) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    yaml.width = width
    yaml.indent(mapping=indent[0], sequence=indent[1] + indent[0], offset=indent[1])
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@SETTINGS
@given(
    data=documents,
    flow=st.sampled_from([None, True, False]),
    width=st.sampled_from([20, 80, 4096]),
    indent=st.sampled_from([(2, 0), (2, 2), (4, 2)]),
)
def test_dumped_documents(
    data: Any, flow: bool | None, width: int, indent: tuple[int, int]
) -> None:
    assert_same(dump(data, flow, width, indent))


raw_pieces = st.sampled_from(
    [*TRICKY, "a: ", "b:", "\n", "\n  ", "- ", "? ", ": ", "&x ", "*x", "!!str ", "!!int ", "!foo ",
       "[", "]", "{", "}", ", ", "'", '"', "<<: ", "<<: *x", "%YAML 1.1\n---\n", "---\n", "...",
       "#c", "|\n  t", ">-\n  f", "\t", "\\"]
)  # fmt: skip


@SETTINGS
@given(st.lists(raw_pieces, max_size=25).map("".join))
def test_raw_text(text: str) -> None:
    assert_same(text)


def test_datetime_strategy_sanity() -> None:
    # The dumper writes these as timestamps that both loaders read back.
    assert_same(dump({"d": date(2020, 1, 2), "t": datetime(2020, 1, 2, 3, 4, 5)}, None, 80, (2, 0)))
