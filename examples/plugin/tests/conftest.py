"""Under CI (CI=true) the properties run derandomized on a bounded budget; by hand they
run Hypothesis's default 100 fresh examples each."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("quillwire-ci", max_examples=10, derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("quillwire-ci")
