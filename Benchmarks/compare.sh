#!/usr/bin/env bash
# Bellwether against the plain-numpy reference (numpy/bellwether_numpy.py), same model, same
# workload, side by side.
#
# 1. Builds bellwether in release (or takes --binary) and runs the default forecast once; numpy
#    reads that run's resolved inputs from its forecast.json, follows docs/forecast-schema.md,
#    "Re-simulating a run" (every convention forecast.json can state: seatNoise, both t-scale
#    texts, jointly conditioned polls; it refuses others with exit 2), and checks that its own
#    figures agree with Bellwether's within Monte Carlo tolerance (it exits non-zero if they do not).
# 2. Times both whole commands (process start to exit: Bellwether's `run` reads the tables,
#    calibrates, factors, draws and writes its reports; numpy reads forecast.json, builds Sigma,
#    conditions it on the joint polls, factors, draws and summarises), interleaved repetition by
#    repetition so that a busy machine slows both alike, and prints the medians and their ratio.
#
# Usage: Benchmarks/compare.sh [--draws N] [--repetitions R] [--threads T] [--dtype float64|float32]
#                              [--no-build | --binary PATH]
#   --draws        draws per run (default 1000000)
#   --repetitions  timed runs of each (default 5)
#   --threads      Bellwether's worker threads and numpy's OpenBLAS threads (default: all cores)
#   --dtype        numpy's floating type (default float64, numpy's default)
#   --no-build     use the release build already there
#   --binary PATH  use this bellwether executable (no build; e.g. a release binary built elsewhere)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
draws=1000000
repetitions=5
threads="$(nproc)"
dtype=float64
build=1
binary=
while [ $# -gt 0 ]; do
  case "$1" in
    --draws) draws="$2"; shift 2 ;;
    --repetitions) repetitions="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --dtype) dtype="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --binary) binary="$2"; build=0; shift 2
      case "$binary" in /*) ;; *) binary="$PWD/$binary" ;; esac ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

cd "$repo"
if [ -n "$binary" ]; then
  bin="$binary"
  [ -x "$bin" ] || { echo "compare.sh: --binary $bin is not an executable file" >&2; exit 1; }
else
  if [ "$build" = 1 ]; then
    swift build -c release --product bellwether >&2
  fi
  bin="$(swift build -c release --show-bin-path)/bellwether"
  [ -x "$bin" ] || { echo "compare.sh: no release build at $bin (drop --no-build)" >&2; exit 1; }
fi
numpy_script="$here/numpy/bellwether_numpy.py"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bellwether: $bin ($("$bin" --version))"
echo "workload: the default config (config/house-2018.json5), $draws draws, $threads thread(s)"
echo
echo "== agreement (Bellwether's forecast.json vs numpy, independent random streams) =="
"$bin" run --quiet --draws "$draws" --threads "$threads" --out "$work/reference"
OPENBLAS_NUM_THREADS="$threads" python3 "$numpy_script" "$work/reference/forecast.json" --draws "$draws" \
  --dtype "$dtype" --check

now() { date +%s.%N; }
bellwether_times=()
numpy_times=()
echo
echo "== timings (whole commands, seconds) =="
printf '%10s %12s %12s\n' repetition bellwether numpy
for r in $(seq 1 "$repetitions"); do
  t0="$(now)"
  "$bin" run --quiet --draws "$draws" --threads "$threads" --out "$work/run"
  t1="$(now)"
  OPENBLAS_NUM_THREADS="$threads" python3 "$numpy_script" "$work/reference/forecast.json" --draws "$draws" \
    --dtype "$dtype" > /dev/null
  t2="$(now)"
  b="$(echo "$t1 - $t0" | bc -l)"
  n="$(echo "$t2 - $t1" | bc -l)"
  bellwether_times+=("$b")
  numpy_times+=("$n")
  printf '%10d %12.3f %12.3f\n' "$r" "$b" "$n"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
bm="$(median "${bellwether_times[@]}")"
nm="$(median "${numpy_times[@]}")"
contested="$(python3 -c "import json,sys; print(sum(d['status']=='contested' for d in json.load(open(sys.argv[1]))['districts']))" "$work/reference/forecast.json")"
echo
printf '%-12s median %8.3f s  %10.3g district-draws/s\n' bellwether "$bm" "$(echo "$draws * $contested / $bm" | bc -l)"
printf '%-12s median %8.3f s  %10.3g district-draws/s\n' "numpy" "$nm" "$(echo "$draws * $contested / $nm" | bc -l)"
printf 'ratio: Bellwether is %.1fx the numpy reference (numpy median / Bellwether median)\n' "$(echo "$nm / $bm" | bc -l)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
