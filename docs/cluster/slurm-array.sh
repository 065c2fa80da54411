#!/usr/bin/env bash
# Slurm array job: one Bellwether run split into N shards, then one merge job.
#
#   sbatch --array=0-63 docs/cluster/slurm-array.sh          # 64 shards: the array must be 0..N-1
#   sbatch --dependency=afterok:<array job id> docs/cluster/slurm-merge.sh
#
# Every task runs the same command with its own shard index; partials go to a shared folder.
# Relative paths (BELLWETHER, CONFIG, the log below) are taken from the folder sbatch is run in.
# A failed task can be resubmitted alone, naming the shard count (the array no longer shows it):
#   SHARDS=64 sbatch --array=17 docs/cluster/slurm-array.sh
# a shard is a pure function of (data, config, seed, draws, shard), so a retry writes the same partial.
# Tested end to end on a one-node Slurm by docs/cluster/local-slurm.sh.
#SBATCH --job-name=bellwether-shard
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=bellwether-shard-%A_%a.out
set -euo pipefail

: "${BELLWETHER:=bellwether}"                      # the release binary, e.g. .build/release/bellwether
: "${CONFIG:=config/house-2018.json5}"
: "${DRAWS:=1000000000}"                           # one billion draws in all
: "${SEED:=20181106}"
: "${PARTIALS:=/shared/bellwether/partials}"       # a folder every node can write
: "${SHARDS:=$(( SLURM_ARRAY_TASK_MAX + 1 ))}"     # N, from --array=0-(N-1) unless given

"$BELLWETHER" run --config "$CONFIG" --draws "$DRAWS" --seed "$SEED" \
  --threads "${SLURM_CPUS_PER_TASK:-1}" --quiet \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --out "$PARTIALS"
