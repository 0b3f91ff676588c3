#!/bin/sh
# Runs on the board inside a LAVA test shell (fetched from QSLM with the job's other artifacts):
#   sh qslm-board.sh BASE_URL WORK_DIR [--simulate-board NAME] [--model SHA256]... CASE SHA256 UNIT [CASE SHA256 UNIT]...
# fetches the agent (BASE_URL/agent.tar.gz) and each packed model (BASE_URL/models/SHA256.qslm) with its
# scripted agent session (BASE_URL/sessions/SHA256.jsonl), runs `qslm-agent serve` over that session, and
# reports per model. --model fetches a further model the sessions use without a case of its own (a baseline its
# candidates' power is measured against); --simulate-board has the agent simulate the board described in
# BASE_URL/NAME (its power following the work it measures, tagged simulated:), for a farm of boards without meters.
# Per case:
# - `lava-test-case CASE --result pass|fail` (whether the agent answered every request without an error),
#   and the figures the board can state itself as measurements (CASE.metric in UNIT: the board's accuracy or
#   perplexity; CASE.peak-rss in bytes);
# - the agent's full answers (JSON lines) as base64 in log lines `QSLM-RESULT SHA256 INDEX CHUNK`, closed by
#   `QSLM-RESULT-END SHA256 COUNT`, which QSLM reads back from the job's log and decides the checks from.
set -u
base="$1"
work="$2"
shift 2
mkdir -p "$work/models"
simulate=""
extra=""
while [ $# -ge 2 ]; do
  case "$1" in
    --simulate-board) simulate="$2" ;;
    --model) extra="$extra $2" ;;
    *) break ;;
  esac
  shift 2
done
if curl -sf -o "$work/agent.tar.gz" "$base/agent.tar.gz" && mkdir -p "$work/agent" && tar -xzf "$work/agent.tar.gz" -C "$work/agent"; then
  lava-test-case qslm-agent-deploy --result pass
else
  lava-test-case qslm-agent-deploy --result fail
  exit 0
fi
serve_options="--root $work"
if [ -n "$simulate" ]; then
  if curl -sf -o "$work/simulated-board.json" "$base/$simulate"; then
    serve_options="$serve_options --simulate-board $work/simulated-board.json --sensors-root $work/sensors"
  else
    lava-test-case qslm-simulated-board --result fail
    exit 0
  fi
fi
for sha in $extra; do
  curl -sf -o "$work/models/$sha.qslm" "$base/models/$sha.qslm" || lava-test-case "qslm-model-$sha" --result fail
done
field() { # NAME FILE: the first number the agent's answers give NAME
  sed -n "s/.*\"$1\":\(-\{0,1\}[0-9][0-9.eE+-]*\).*/\1/p" "$2" | head -1
}
while [ $# -ge 3 ]; do
  case="$1"
  sha="$2"
  unit="$3"
  shift 3
  ok=pass
  out="$work/$sha.out"
  : >"$out"
  curl -sf -o "$work/models/$sha.qslm" "$base/models/$sha.qslm" || ok=fail
  curl -sf -o "$work/$sha.session" "$base/sessions/$sha.jsonl" || ok=fail
  if [ "$ok" = pass ]; then
    rm -f "$work/in"
    mkfifo "$work/in"
    # shellcheck disable=SC2086 # the options split into words on purpose (the work folder is mktemp's, without spaces)
    "$work/agent/qslm-agent" serve $serve_options <"$work/in" >"$out" 2>"$work/$sha.err" &
    agent=$!
    # The agent's input stays open until it has answered the session's bye: an input that ends is a host that left.
    exec 3>"$work/in"
    cat "$work/$sha.session" >&3
    wait "$agent" || ok=fail
    exec 3>&-
    grep -q '"type":"error"' "$out" && ok=fail
  fi
  base64 -w 0 "$out" | fold -w 512 | awk -v sha="$sha" '{print "QSLM-RESULT " sha " " NR " " $0} END {print "QSLM-RESULT-END " sha " " NR}'
  lava-test-case "$case" --result "$ok"
  metric=$(field metric "$out")
  [ -n "$metric" ] && lava-test-case "$case.metric" --result pass --measurement "$metric" --units "$unit"
  rss=$(field peakRssBytes "$out")
  [ -n "$rss" ] && lava-test-case "$case.peak-rss" --result pass --measurement "$rss" --units B
done
exit 0
