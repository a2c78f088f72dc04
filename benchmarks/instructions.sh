#!/usr/bin/env bash
# Instructions one cold call of XT_COUNT / XT_CHECK / XT_SPLIT costs on each 1,000-cell range of
# bench_udfs.py, counted by valgrind (callgrind): repeatable where wall-clock time on a shared VM is not.
#   bash benchmarks/instructions.sh            (needs valgrind: apt-get install valgrind)
# To count another checkout, copy benchmarks/bench_udfs.py into it and run this from there.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3}
count() {
  PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$py" benchmarks/bench_udfs.py --call "$1" "$2" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for range in published layouts scrambled; do
  base=$(count "$range" none)
  for func in XT_COUNT XT_CHECK XT_SPLIT; do
    echo "$range $func $(( ($(count "$range" "$func") - base) / 1000000 ))M instructions"
  done
done
