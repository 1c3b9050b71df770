#!/usr/bin/env bash
# Runs every benchmark once and writes their output to bench/RESULTS.md (overwrites it).
# Loopback only; each script is bounded in time. Takes about 20 minutes on 2 cores.
#   bash bench/run_all.sh
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
out=bench/RESULTS.md
{
  echo "# Benchmark results"
  echo
  echo "Fresh run of every script in \`bench/\` by \`bash bench/run_all.sh\`, $(date -u '+%Y-%m-%d %H:%M UTC'),"
  echo "commit $(git rev-parse --short HEAD), on $(uname -sm), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM."
  echo "Client and server share the machine. Figures are printed, never asserted by tests."
  echo
} > "$out"
run() {
  local title=$1; shift
  echo "== $title"
  {
    echo "## $title"
    echo
    echo "\`$*\`"
    echo
    echo '```'
    local start=$(date +%s)
    timeout 1200 "$@" 2>&1 | grep -v -E '^(Task id=|Received Terminated)' | tail -60
    echo "(exit ${PIPESTATUS[0]}, $(( $(date +%s) - start )) s)"
    echo '```'
    echo
  } >> "$out"
}
run "Ranking arithmetic: 500 entries x 15 jurors x 6 criteria" $PY -m bench.rank_bench
run "Juror dashboard queries at 10 and 300 assignments" $PY -m bench.jury_dashboard_queries
run "Load: visitor mix and jury dashboard, uncached" $PY -m bench.load --seconds 10
run "Load: visitor mix and jury dashboard, page cache on (Redis)" $PY -m bench.load --seconds 10 --cached
run "Showcase vs plain Wagtail page (1,000 showcase pages)" $PY -m bench.showcase_bench
run "Deadline rush: 150 entrants autosaving for 2 minutes" $PY -m bench.deadline_rush
run "Scale-out: two app servers, shared PostgreSQL, Redis, S3, worker" $PY -m bench.scaleout
echo "written to $out"
