#!/bin/sh
# QSLM's board check as a LAVA health check, run in the same test shell after qslm-board.sh has run the check model:
#   sh qslm-health.sh WORK_DIR SHA256 EXPECTED TOLERANCE UNIT
# The board passes when its agent answered the whole scripted session without an error and scored the model within
# TOLERANCE (absolute, in UNIT) of EXPECTED, the host's answer for the same packed file on the same data. Otherwise the
# check ends the job with lava-test-raise: LAVA then records the health check as Incomplete and sets the device Bad, so
# no job is scheduled on a board that would fail it.
set -u
export LC_ALL=C
work="$1"
sha="$2"
expected="$3"
tolerance="$4"
unit="$5"
out="$work/$sha.out"
# The check leaves nothing on the board: its work folder goes whatever the verdict.
trap 'rm -rf "$work"' EXIT
fail() {
  lava-test-case qslm-board-check --result fail
  lava-test-raise "qslm board check: $1"
  exit 1
}
[ -s "$out" ] || fail "the agent gave no answer"
if grep -q '"type":"error"' "$out"; then
  fail "the agent answered with an error: $(sed -n 's/.*"message":"\([^"]*\)".*/\1/p' "$out" | head -1)"
fi
metric=$(sed -n 's/.*"metric":\(-\{0,1\}[0-9][0-9.eE+-]*\).*/\1/p' "$out" | head -1)
[ -n "$metric" ] || fail "the agent's answers hold no metric"
if awk -v m="$metric" -v e="$expected" -v t="$tolerance" 'BEGIN { d = m - e; if (d < 0) d = -d; exit !(d <= t) }'; then
  lava-test-case qslm-board-check --result pass --measurement "$metric" --units "$unit"
else
  lava-test-case qslm-board-check --result fail --measurement "$metric" --units "$unit"
  lava-test-raise "qslm board check: the board scored $metric $unit where the host scored $expected (tolerance $tolerance)"
  exit 1
fi
