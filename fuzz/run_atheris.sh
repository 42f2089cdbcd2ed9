#!/usr/bin/env bash
# Long-running atheris fuzzing of newsmeta.parse that survives findings.
#
#   fuzz/run_atheris.sh SECONDS [WORKDIR]      (default WORKDIR: /tmp/newsmeta-fuzz)
#
# libFuzzer stops at the first finding and atheris cannot use -fork, so this loop
# restarts it (re-importing newsmeta, so a fix made meanwhile is picked up) until
# SECONDS have passed.  The growing corpus lives in WORKDIR/corpus (seeded from
# examples/news and from the hostile-input generators, fuzz/hostile_seeds.py),
# findings in WORKDIR/findings/crash-*, the log in WORKDIR/log.
# At the end it prints runs, inputs tried and exec/s summed over all runs.
set -euo pipefail
total=${1:?usage: fuzz/run_atheris.sh SECONDS [WORKDIR]}
work=${2:-/tmp/newsmeta-fuzz}
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python}
mkdir -p "$work/corpus" "$work/findings"
if [ -z "$(ls -A "$work/corpus")" ]; then
    cp "$here"/../examples/news/* "$work/corpus/"
    "$python" "$here/hostile_seeds.py" "$work/corpus"
fi
start=$(date +%s)
runs=0
while :; do
    left=$(( total - ($(date +%s) - start) ))
    [ "$left" -gt 0 ] || break
    runs=$((runs + 1))
    "$python" "$here/fuzz_parse.py" -max_total_time="$left" -max_len=4096 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/findings/" \
        "$work/corpus" >>"$work/log" 2>&1 || true
done
execs=$(grep -h 'stat::number_of_executed_units' "$work/log" | awk '{s += $2} END {print s + 0}')
elapsed=$(( $(date +%s) - start ))
echo "runs: $runs  inputs tried: $execs  seconds: $elapsed  exec/s: $(( execs / (elapsed > 0 ? elapsed : 1) ))"
echo "findings: $(ls "$work/findings" | wc -l) in $work/findings"
