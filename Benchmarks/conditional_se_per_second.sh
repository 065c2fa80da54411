#!/usr/bin/env bash
# Precision per second of the two estimators (docs/model.md §4.3, docs/performance.md, "The
# conditional estimator"): whole `bellwether run` commands of the release build, sampled and
# conditional interleaved, REPS pairs; for each run its wall time t and, from its forecast.json,
# the Monte Carlo SE of P(majority), of the mean seats and of the median seat's P(win) (the seat
# ranked `majority`-th by the sampled run's chance: the seat that decides the majority on
# average). The figure of merit is 1 / (SE^2 t), draws-equivalents per second (the SE of an
# average of iid draws falls as 1/sqrt(N), so SE^2 t does not depend on the draws). Prints every
# run and the medians, and the ratio conditional / sampled.
#
#   swift build -c release && bash Benchmarks/conditional_se_per_second.sh [DRAWS] [REPS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
draws=${1:-1000000}; reps=${2:-5}; threads=${3:-2}
bin=.build/release/bellwether
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for r in $(seq 1 "$reps"); do
  for estimator in sampled conditional; do
    start=$(date +%s.%N)
    "$bin" run --draws "$draws" --threads "$threads" --estimator "$estimator" --no-history --quiet --out "$work/$estimator-$r"
    end=$(date +%s.%N)
    echo "$estimator $r $(echo "$end - $start" | bc -l)" >> "$work/times"
  done
done
python3 - "$work" "$reps" <<'PY'
import json, statistics, sys
work, reps = sys.argv[1], int(sys.argv[2])
times = {}
for line in open(work + "/times"):
    e, r, t = line.split()
    times[(e, int(r))] = float(t)
first = json.load(open(f"{work}/sampled-1/forecast.json"))
majority = first["headline"]["majority"]
fixed = [d for d in first["districts"] if d["status"] == "contested"]
ranked = sorted(first["districts"], key=lambda d: -d["democraticWinProbability"])
median = ranked[majority - 1]["id"]
rows = {}
for e in ["sampled", "conditional"]:
    rows[e] = []
    for r in range(1, reps + 1):
        d = json.load(open(f"{work}/{e}-{r}/forecast.json"))
        t = times[(e, r)]
        mc = d["monteCarloErrors"]
        seat = next(x for x in d["districts"] if x["id"] == median)
        se = (mc["majorityProbability"], mc["meanSeats"], seat["democraticWinProbabilityStandardError"])
        rows[e].append((t,) + se)
        print(f"{e:11s} run {r}: {t:.3f} s, SE P(majority) {se[0]:.3e}, SE mean seats {se[1]:.3e}, SE P(win) {median} {se[2]:.3e}")
print(f"median seat (rank {majority} by P(win)): {median}")
names = ["P(majority)", "mean seats", f"P(win) {median}"]
med = {e: [statistics.median(x[k] for x in rows[e]) for k in range(4)] for e in rows}
for e in rows:
    t = med[e][0]
    print(f"{e:11s} median wall {t:.3f} s; " + "; ".join(f"{n}: SE {med[e][k+1]:.3e}, 1/(SE^2 t) {1/(med[e][k+1]**2*t):.3e}" for k, n in enumerate(names)))
print("conditional / sampled, precision per second: " + "; ".join(
    f"{n} {(med['sampled'][k+1]**2*med['sampled'][0])/(med['conditional'][k+1]**2*med['conditional'][0]):.2f}x" for k, n in enumerate(names)))
PY
