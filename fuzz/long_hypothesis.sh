#!/usr/bin/env bash
# Long Hypothesis run of the hostile-input properties (no atheris needed).
#
#   fuzz/long_hypothesis.sh [EXAMPLES_PER_PROPERTY]     (default 50000)
#
# Runs tests/test_properties_hostile.py with that many examples per property and
# prints Hypothesis' statistics (examples tried, time per example).  Findings are
# shrunk and saved in .hypothesis/ so the next plain `pytest` run replays them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
export NEWSMETA_HYPOTHESIS_EXAMPLES=${1:-50000}
cd "$here"
exec python -m pytest tests/test_properties_hostile.py -q -p no:randomly --hypothesis-show-statistics
