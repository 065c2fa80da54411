#!/usr/bin/env bash
# Builds the libFuzzer harnesses for the CSV and config readers and the shard-partial reader and
# runs each for SECONDS (default 60), starting from a seed corpus of the project's real tables and
# config and the malformed-input corpus in Tests/Malformed (for partials: partials of the 6-seat
# chamber in Tests/Malformed/valid, written by the harness itself).
#
#   Tests/Fuzz/run-fuzz.sh [SECONDS]
#
# Needs a Swift toolchain whose compiler-rt has libFuzzer (swift.org Linux toolchains do):
# `swiftc -sanitize=fuzzer,address`. Exits non-zero if a harness fails to build, or if libFuzzer
# reports a crash, a hang (an input taking more than 10 s), a leak, excessive memory or a sanitizer
# error; the input that did it is kept under the work folder (printed) for reproduction:
#   $WORK/fuzz-csv <artifact>   (or fuzz-config; fuzz-partial needs BELLWETHER_FUZZ_CONFIG set as below)
# Set FUZZ_WORK to keep the work folder (grown corpus, binaries) between runs.
set -euo pipefail

seconds="${1:-60}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${FUZZ_WORK:-$(mktemp -d -t bellwether-fuzz.XXXXXX)}"
mkdir -p "$work"
engine="$repo/Sources/BellwetherEngine"

# The reader sources, compiled into each harness: the engine's Values/, Config/ and Inputs/ folders,
# which use only Foundation and one another (nothing that links BLAS): the engine's folders depend
# only on those before them (README, "Layout").
sources=("$engine"/Values/*.swift "$engine"/Config/*.swift "$engine"/Inputs/*.swift)

build() {  # name harness.swift
  echo "building $1 ..."
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name FuzzTarget -package-name bellwether \
    "$here/$2" "${sources[@]}" -o "$work/$1" 2> "$work/$1.build.log" || {
      cat "$work/$1.build.log" >&2
      echo "error: could not build $1" >&2
      exit 1
    }
}

seed() {  # folder files...
  local folder="$1"
  shift
  mkdir -p "$folder"
  for file in "$@"; do cp "$file" "$folder/$(echo "$file" | sed 's|/|_|g')"; done
}

build fuzz-csv FuzzCSV.swift
build fuzz-config FuzzConfig.swift

# The partial harness imports the package's modules (a partial names the engine's plan and
# tallies): BellwetherEngine (with OpenBLAS), BellwetherReports and BellwetherDistributed, each
# compiled here as a static library with the same instrumentation.
cblas=(-I "$repo/Sources/CBLAS")
for flag in $(pkg-config --cflags openblas); do cblas+=(-Xcc "$flag"); done
blas_libs=($(pkg-config --libs openblas))
mkdir -p "$work/modules"
module() {  # name folder extra-flags...
  local name="$1" folder="$2"
  shift 2
  echo "building module $name ..."
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name "$name" -package-name bellwether \
    -emit-library -static -emit-module -emit-module-path "$work/modules/$name.swiftmodule" -I "$work/modules" "$@" \
    $(find "$folder" -name '*.swift' | sort) -o "$work/modules/lib$name.a" 2> "$work/$name.build.log" || {
      cat "$work/$name.build.log" >&2
      echo "error: could not build module $name" >&2
      exit 1
    }
}
module BellwetherEngine "$repo/Sources/BellwetherEngine" "${cblas[@]}"
module BellwetherReports "$repo/Sources/BellwetherReports" "${cblas[@]}"
module BellwetherDistributed "$repo/Sources/BellwetherDistributed" "${cblas[@]}"
echo "building fuzz-partial ..."
swiftc -sanitize=fuzzer,address -parse-as-library -O -package-name bellwether -I "$work/modules" "${cblas[@]}" \
  "$here/FuzzPartial.swift" -L "$work/modules" -lBellwetherDistributed -lBellwetherReports -lBellwetherEngine "${blas_libs[@]}" \
  -o "$work/fuzz-partial" 2> "$work/fuzz-partial.build.log" || {
    cat "$work/fuzz-partial.build.log" >&2
    echo "error: could not build fuzz-partial" >&2
    exit 1
  }
export BELLWETHER_FUZZ_CONFIG="$repo/Tests/Malformed/valid/config.json5"

# Seeds: every CSV of the corpus and the project's tables (the long generic-ballot series cut to
# its first 200 lines: libFuzzer mutates small inputs best), and every config.
mkdir -p "$work/seeds"
head -n 200 "$repo/config/national/generic_ballot.csv" > "$work/seeds/generic_ballot_head.csv"
seed "$work/seeds-csv" "$repo"/Tests/Malformed/*/*.csv "$repo"/config/2018/*.csv "$repo/config/national/house_vote.csv" \
  "$work/seeds/generic_ballot_head.csv"
seed "$work/seeds-config" "$repo"/Tests/Malformed/*/*.json5 "$repo"/config/*.json5
mkdir -p "$work/seeds-partial"
BELLWETHER_FUZZ_SEEDS="$work/seeds-partial" ASAN_OPTIONS=detect_leaks=0 "$work/fuzz-partial" > "$work/seeds-partial.log" 2>&1 || {
  cat "$work/seeds-partial.log" >&2
  echo "error: fuzz-partial could not write its seed partials" >&2
  exit 1
}
mkdir -p "$work/corpus-csv" "$work/corpus-config" "$work/corpus-partial" "$work/artifacts"

status=0
summary=()
for target in csv config partial; do
  dict="$here/csv.dict"
  [ "$target" = config ] && dict="$here/json5.dict"
  [ "$target" = partial ] && dict="$here/partial.dict"
  log="$work/fuzz-$target.log"
  echo "fuzzing $target for ${seconds}s ..."
  set +e
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 \
    "$work/fuzz-$target" "$work/corpus-$target" "$work/seeds-$target" \
    -dict="$dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" > "$log" 2>&1
  code=$?
  set -e
  runs="$( (grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" || true) | awk '{print $2}' | tail -n 1)"
  if [ "$code" -ne 0 ]; then
    status=1
    tail -n 60 "$log" >&2
    echo "error: fuzz-$target failed (libFuzzer exit $code); inputs kept in $work/artifacts" >&2
    summary+=("fuzz-$target: FAILED after ${runs:-?} executions (log: $log)")
  else
    summary+=("fuzz-$target: ${runs:-?} executions in ${seconds}s, no crash, hang, leak or sanitizer report")
  fi
done

printf '%s\n' "${summary[@]}"
echo "work folder: $work"
exit "$status"
