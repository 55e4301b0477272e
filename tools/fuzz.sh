#!/usr/bin/env bash
# Runs newsanno's cargo-fuzz targets (fuzz/), one after another or N at a time.
#
#   tools/fuzz.sh [-j JOBS] [SECONDS] [TARGET...]   (default: 600 s, every target, 1 job)
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Each target starts from its committed seeds (fuzz/seeds/TARGET, read only)
# and grows a working corpus outside the clone; crashes land in
# fuzz/artifacts/TARGET/ (ignored by git). The last lines print executions per
# target, as docs/RELIABILITY.md quotes them.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
jobs=1
if [[ "${1:-}" == "-j" ]]; then jobs=$2; shift 2; fi
seconds=${1:-600}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then mapfile -t targets < <(cargo +nightly fuzz list); fi
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-/var/tmp/newsanno-fuzz-target}
work=${FUZZ_WORK_DIR:-/var/tmp/newsanno-fuzz}
mkdir -p "$work/logs"
# -s none: safe Rust, so the sanitizer buys little and costs half the speed;
# -a: debug assertions on, so arithmetic overflow is a crash.
cargo +nightly fuzz build -s none -a "${targets[@]/#/}" >/dev/null 2>&1 || cargo +nightly fuzz build -s none -a

run_one() {
    local t=$1
    mkdir -p "$work/corpus/$t" "artifacts/$t"
    cargo +nightly fuzz run -s none -a "$t" "$work/corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        >"$work/logs/$t.log" 2>&1 && echo "$t: ok" || echo "$t: FAILED (see $work/logs/$t.log)"
}

running=0
for t in "${targets[@]}"; do
    run_one "$t" &
    running=$((running + 1))
    if (( running >= jobs )); then wait -n || true; running=$((running - 1)); fi
done
wait
for t in "${targets[@]}"; do
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/logs/$t.log" | grep -o '[0-9]*$' || echo "?")
    cov=$(grep -o 'cov: [0-9]*' "$work/logs/$t.log" | tail -1 | grep -o '[0-9]*' || echo "?")
    crashes=$(find "artifacts/$t" -type f 2>/dev/null | wc -l)
    echo "$t: $execs executions in ${seconds} s, coverage $cov edges, $crashes crash files"
done
