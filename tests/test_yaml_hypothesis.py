"""Property test: load_yaml(text) equals stock ruamel safe loading, or both fail.

CI runs 2,000 examples per test; set NEWSMETA_HYPOTHESIS_EXAMPLES for more (or fewer).
"""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from newsmeta.testing.hostile import yaml_fragments, yaml_values

from ._yaml_support import ours, stock

settings.register_profile(
    "newsmeta-yaml",
    max_examples=int(os.environ.get("NEWSMETA_HYPOTHESIS_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SETTINGS = settings.get_profile("newsmeta-yaml")

# The generators are newsmeta.testing's, shared with users who test their own code.
documents = yaml_values()


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


@SETTINGS
@given(yaml_fragments())
def test_raw_text(text: str) -> None:
    assert_same(text)


def test_datetime_strategy_sanity() -> None:
    # The dumper writes these as timestamps that both loaders read back.
    assert_same(dump({"d": date(2020, 1, 2), "t": datetime(2020, 1, 2, 3, 4, 5)}, None, 80, (2, 0)))
