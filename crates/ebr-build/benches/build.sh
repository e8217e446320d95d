#!/usr/bin/env bash
# Benchmark of `ebr build` against DuckDB running the same SQL files on the same raw files.
#
#   crates/ebr-build/benches/build.sh [DEALERS...]      (default: 1000 5000)
#
# For each size: the sample's raw exports of DEALERS dealers for one month (CSV, then Parquet),
# then hyperfine times `ebr-build build` (DataFusion in process) and DuckDB (Python package,
# `pip install duckdb`) in the same run; /usr/bin/time gives each one's peak memory. Needs
# hyperfine and the binaries: cargo build --release -p ebr -p ebr-build (or set EBR_BIN_DIR).
#
# EBR_BENCH_TOUCHPOINTS="1000000 10000000 50000000" adds the touchpoint scaling runs (CSV): the
# first size's folder with its customer journeys repeated up to that many touchpoints
# (more_touchpoints.py). EBR_BENCH_WARMUP (default 1) sets hyperfine's warm-up runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
bin="${EBR_BIN_DIR:-$root/target/release}"
work="${EBR_BENCH_DIR:-$root/target/bench-build}"
runs="${EBR_BENCH_RUNS:-3}"
mkdir -p "$work"
"$bin/ebr-build" tables > "$work/catalogue.json"
# compare LABEL CSV_DIR PARQUET_DIR|"" PERIOD ROWS: hyperfine and peak memory of ebr and DuckDB.
compare() {
  local label=$1 csv=$2 parquet=$3 period=$4 rows=$5
  local out="$work/out-$label"
  build() { echo "$bin/ebr-build build $1 --period $period --out $out --force --quiet"; }
  duck() { echo "python3 $here/duckdb_reference.py $work/catalogue.json $here/../sql $1 $period $2"; }
  local commands=(-n "ebr build (CSV)" "$(build "$csv")" -n "DuckDB (CSV)" "$(duck "$csv" csv)")
  local timed=("$(build "$csv")" "$(duck "$csv" csv)")
  if [ -n "$parquet" ]; then
    commands+=(-n "ebr build (Parquet)" "$(build "$parquet")" -n "DuckDB (Parquet)" "$(duck "$parquet" parquet)")
    timed+=("$(build "$parquet")" "$(duck "$parquet" parquet)")
  fi
  hyperfine --runs "$runs" --warmup "${EBR_BENCH_WARMUP:-1}" --export-json "$work/$label.json" "${commands[@]}"
  for cmd in "${timed[@]}"; do
    /usr/bin/time -f "peak memory %M KiB: $cmd" $cmd >/dev/null
  done
  python3 - "$work/$label.json" "$rows" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rows = int(sys.argv[2])
by = {r["command"]: r["median"] for r in results}
for name, median in by.items():
    print(f"  {name:<22} median {median:7.2f} s  {rows / median / 1e6:6.2f} M rows/s")
for kind in ("CSV", "Parquet"):
    if f"ebr build ({kind})" in by:
        print(f"  ebr build / DuckDB ({kind}): {by[f'ebr build ({kind})'] / by[f'DuckDB ({kind})']:.2f}x the time")
PY
}

count_rows() {
  python3 - "$1" <<'PY'
import pathlib, sys
print(sum(sum(1 for _ in open(p)) - 1 for p in pathlib.Path(sys.argv[1]).glob("*.csv")))
PY
}

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000)
for dealers in "${sizes[@]}"; do
  csv="$work/d$dealers-csv"
  parquet="$work/d$dealers-parquet"
  if [ ! -d "$csv" ]; then
    "$bin/ebr" sample --raw --dealers "$dealers" --months 1 --seed 2026 --out "$csv" >/dev/null
  fi
  if [ ! -d "$parquet" ]; then
    "$bin/ebr-build" parquet "$csv" --out "$parquet"
  fi
  period=$(python3 -c "import csv,sys; r=csv.DictReader(open('$csv/extracts.csv')); print(next(r)['period'])")
  rows=$(count_rows "$csv")
  touches=$(($(wc -l < "$csv/touchpoints.csv") - 1))
  leads=$(($(wc -l < "$csv/crm_leads.csv") - 1))
  echo "== $dealers dealers, $period: $rows rows ($leads leads, $touches touchpoints), CSV $(du -sh "$csv" | cut -f1), Parquet $(du -sh "$parquet" | cut -f1)"
  compare "d$dealers" "$csv" "$parquet" "$period" "$rows"
done
for touches in ${EBR_BENCH_TOUCHPOINTS:-}; do
  base="$work/d${sizes[0]}-csv"
  csv="$work/t$touches-csv"
  [ -d "$csv" ] || python3 "$here/more_touchpoints.py" "$base" "$touches" "$csv"
  period=$(python3 -c "import csv,sys; r=csv.DictReader(open('$csv/extracts.csv')); print(next(r)['period'])")
  rows=$(count_rows "$csv")
  echo "== ${sizes[0]} dealers, $period, $(($(wc -l < "$csv/touchpoints.csv") - 1)) touchpoints: $rows rows, CSV $(du -shL "$csv" | cut -f1)"
  compare "t$touches" "$csv" "" "$period" "$rows"
done
