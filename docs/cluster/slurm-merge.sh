#!/usr/bin/env bash
# Merge job for docs/cluster/slurm-array.sh (submit with --dependency=afterok:<array job id>).
# The merge refuses a missing, duplicated or foreign partial, naming the file.
#SBATCH --job-name=bellwether-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=00:10:00
#SBATCH --output=bellwether-merge-%j.out
set -euo pipefail
: "${BELLWETHER:=bellwether}"
: "${CONFIG:=config/house-2018.json5}"
: "${PARTIALS:=/shared/bellwether/partials}"
: "${OUT:=/shared/bellwether/forecast}"
"$BELLWETHER" merge "$PARTIALS"/partial-*-of-*.bwp --config "$CONFIG" --out "$OUT"
