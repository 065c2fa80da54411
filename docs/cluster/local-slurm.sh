#!/usr/bin/env bash
# Runs the Slurm recipe (docs/cluster/slurm-array.sh, then docs/cluster/slurm-merge.sh with
# --dependency=afterok) end to end on a one-node Slurm on this machine, and checks that the merged
# reports are byte for byte those of one `bellwether run` with the same config, seed and draws.
#
#   bash docs/cluster/local-slurm.sh                      # as root
#   BELLWETHER=.build/release/bellwether SHARDS=8 DRAWS=100000 bash docs/cluster/local-slurm.sh
#
# Installs nothing: it needs Debian's `slurm-wlm` and `munge` (slurmctld, slurmd, munged, sbatch,
# scontrol, sinfo) and a built `bellwether`. It starts its own munged, slurmctld and slurmd (no
# systemd, no cgroups: proctrack/linuxproc, task/none, so it works in a container), with every
# file (munge key and socket, slurm.conf, state, spool, logs, partials, reports) in one temporary
# folder, and stops them on exit, whatever happens. It must run as root: slurmd runs the jobs as
# the user who submitted them. On any failure it exits 1 with the tail of every daemon and job log.
#
# Settings (environment): BELLWETHER (default .build/release/bellwether if built, else
# .build/debug/bellwether), CONFIG (config/house-2018.json5), SHARDS (4), DRAWS (20000: 20 blocks,
# the last one partial), SEED (20181106), TIMEOUT (seconds for the jobs, 300), SLURMCTLD_PORT
# (6817), SLURMD_PORT (6818), KEEP=1 to keep the temporary folder after a success.
set -euo pipefail
export LC_ALL=C
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"

: "${CONFIG:=config/house-2018.json5}"
: "${SHARDS:=4}"
: "${DRAWS:=20000}"
: "${SEED:=20181106}"
: "${TIMEOUT:=300}"
: "${SLURMCTLD_PORT:=6817}"
: "${SLURMD_PORT:=6818}"
if [ -z "${BELLWETHER:-}" ]; then
  if [ -x .build/release/bellwether ]; then BELLWETHER=.build/release/bellwether; else BELLWETHER=.build/debug/bellwether; fi
fi

WORK=$(mktemp -d /tmp/bellwether-slurm.XXXXXX)
chmod 755 "$WORK"   # munged wants its socket's folders searchable by all
PIDS=()             # the daemons this script started, stopped in reverse order
JOBS=()             # the Slurm jobs it submitted
STAGE="setting up"

log() { echo "local-slurm: $*"; }

tails() {
  local f
  for f in "$WORK"/jobs/*.out "$WORK"/log/*; do
    [ -s "$f" ] || continue
    case "$f" in *.console) [ -s "${f%.console}.log" ] && continue ;; esac  # the same lines
    echo "----- tail of $f"
    tail -n 40 "$f"
  done
}

die() {
  trap - ERR
  echo "local-slurm: FAILED while $STAGE: $*" >&2
  if [ ${#JOBS[@]} -gt 0 ] && command -v scontrol >/dev/null; then
    echo "----- scontrol show job" >&2
    for j in "${JOBS[@]}"; do scontrol show job -o "$j" 2>&1 || true; done >&2
  fi
  tails >&2
  echo "local-slurm: files kept in $WORK" >&2
  KEEP=1
  exit 1
}
trap 'die "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

cleanup() {
  local rc=$? pid i
  trap - ERR
  if [ ${#JOBS[@]} -gt 0 ]; then scancel "${JOBS[@]}" 2>/dev/null || true; fi
  # Let the job steps (slurmstepd, one socket each in the spool folder) end before slurmd stops.
  for _ in $(seq 100); do
    compgen -G "$WORK/spool/*_*.*" >/dev/null || break
    sleep 0.1
  done
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
    pid=${PIDS[i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$rc" -eq 0 ] && [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT

# ---- what is needed
[ "$(id -u)" -eq 0 ] || die "run as root (slurmd starts the jobs as their user; try sudo)"
for tool in munged slurmctld slurmd sbatch scontrol sinfo scancel; do
  command -v "$tool" >/dev/null || die "$tool not found: install Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge)"
done
[ -x "$BELLWETHER" ] || die "no bellwether binary at $BELLWETHER (swift build, or set BELLWETHER)"
BELLWETHER=$(cd "$(dirname "$BELLWETHER")" && pwd)/$(basename "$BELLWETHER")
[ -f "$CONFIG" ] || die "no config at $CONFIG"
[ "$SHARDS" -ge 1 ] || die "SHARDS must be at least 1"

NODE=$(hostname -s)
CPUS=$(nproc)
MEM_MB=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))
mkdir -p "$WORK"/{munge,state,spool,run,log,partials}
chmod 755 "$WORK/munge"

# ---- munge: a fresh key and our own socket, so no system munged is needed or disturbed
STAGE="starting munged"
if command -v mungekey >/dev/null; then
  mungekey --create --keyfile="$WORK/munge/munge.key" >/dev/null
else
  dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 status=none
fi
chmod 400 "$WORK/munge/munge.key"
SOCKET=$WORK/munge/munge.socket
munged --foreground --force --key-file="$WORK/munge/munge.key" --socket="$SOCKET" \
  --pid-file="$WORK/run/munged.pid" --seed-file="$WORK/munge/munged.seed" >"$WORK/log/munged.console" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do [ -S "$SOCKET" ] && break; kill -0 "${PIDS[0]}" 2>/dev/null || die "munged exited"; sleep 0.1; done
munge -n -S "$SOCKET" | unmunge -S "$SOCKET" >/dev/null || die "munge cannot encode and decode a credential"

# ---- slurm.conf for this one node
STAGE="writing slurm.conf"
export SLURM_CONF=$WORK/slurm.conf
cat >"$SLURM_CONF" <<EOF
# Written by docs/cluster/local-slurm.sh: a one-node Slurm on $NODE, everything under $WORK.
ClusterName=bellwether
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$SLURMCTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
DependencyParameters=kill_invalid_depend
MinJobAge=3600
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=local Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF

# ---- the daemons, in the foreground of background jobs so that their ids are ours
STAGE="starting slurmctld"
slurmctld -D -i -f "$SLURM_CONF" >"$WORK/log/slurmctld.console" 2>&1 &
PIDS+=($!)
STAGE="starting slurmd"
slurmd -D -N "$NODE" -f "$SLURM_CONF" >"$WORK/log/slurmd.console" 2>&1 &
PIDS+=($!)

STAGE="waiting for node $NODE to be idle"
state=""
for _ in $(seq 120); do
  for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || die "a daemon exited (pid $pid)"; done
  state=$(sinfo -h -N -n "$NODE" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || die "node state is '${state:-unknown}' after 60 s ($(sinfo -h -R 2>/dev/null || true))"
log "slurm $(sinfo -V | awk '{print $2}') up: node $NODE, $CPUS CPUs, ${MEM_MB} MB"

# ---- the recipe, as written, with the job's resources fitted to this node if it is smaller
wait_job() {  # wait_job ID: until every task of job ID has ended; fails unless all COMPLETED
  local id=$1 t0=$SECONDS states
  while :; do
    states=$(scontrol show job -o "$id" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | sort | uniq -c | tr -s ' \n' ' ')
    [ -n "$states" ] || die "scontrol knows no job $id"
    if [[ $states =~ ^\ [0-9]+\ COMPLETED\ $ ]]; then return 0; fi
    case "$states" in
      *PENDING*|*RUNNING*|*CONFIGURING*|*COMPLETING*|*REQUEUE*|*RESIZING*|*SUSPENDED*) ;;
      *) die "job $id ended:$states" ;;
    esac
    [ $(( SECONDS - t0 )) -lt "$TIMEOUT" ] || die "job $id not done after $TIMEOUT s:$states"
    sleep 1
  done
}
fit=()
[ "$CPUS" -ge 2 ] || fit+=(--cpus-per-task=1)
[ "$MEM_MB" -ge 2048 ] || fit+=(--mem=$(( MEM_MB / 2 ))M)
CONFIG=$(cd "$(dirname "$CONFIG")" && pwd)/$(basename "$CONFIG")
export BELLWETHER CONFIG DRAWS SEED
export PARTIALS=$WORK/partials OUT=$WORK/merged
mkdir -p "$WORK/jobs"   # the jobs' working folder: their logs land here, as the recipe says
STAGE="submitting the jobs"
# The array's shard count comes from --array (SHARDS is not passed), as in the recipe's first use.
array=$(env -u SHARDS sbatch --parsable --chdir="$WORK/jobs" --array=0-$(( SHARDS - 1 )) "${fit[@]}" \
  docs/cluster/slurm-array.sh)
array=${array%%;*}
JOBS+=("$array")
merge=$(sbatch --parsable --chdir="$WORK/jobs" --dependency=afterok:"$array" "${fit[@]}" \
  docs/cluster/slurm-merge.sh)
merge=${merge%%;*}
JOBS+=("$merge")
log "submitted array job $array ($SHARDS shards of $DRAWS draws, seed $SEED) and merge job $merge (afterok:$array)"

STAGE="waiting for the jobs"
start=$SECONDS
wait_job "$array"
wait_job "$merge"
log "$SHARDS shard tasks and the merge COMPLETED in $(( SECONDS - start )) s; partials:"
ls -l "$PARTIALS" | sed 1d

# ---- a lost shard resubmitted alone, as the recipe says, writes the same bytes
STAGE="resubmitting one shard"
last=$(( SHARDS - 1 ))
lost=$PARTIALS/partial-$last-of-$SHARDS.bwp
before=$(sha256sum "$lost" | cut -d' ' -f1)
rm "$lost"
retry=$(SHARDS=$SHARDS sbatch --parsable --chdir="$WORK/jobs" --array=$last "${fit[@]}" docs/cluster/slurm-array.sh)
retry=${retry%%;*}
JOBS+=("$retry")
wait_job "$retry"
[ -f "$lost" ] || die "the resubmitted shard $last (job $retry) wrote no $lost"
[ "$(sha256sum "$lost" | cut -d' ' -f1)" = "$before" ] || die "the resubmitted shard $last wrote other bytes"
log "shard $last resubmitted alone (job $retry, SHARDS=$SHARDS sbatch --array=$last): the same $(stat -c %s "$lost") bytes"

# ---- one process, same config, seed and draws; every report file must be the same bytes. Both the
# merge and the run record themselves in their folder's fresh history.sqlite (so report.html and
# history.svg show the same one-run trend); the database itself holds the wall-clock time of the
# record, so it is the one file compared by its run count instead of its bytes.
STAGE="comparing with one process"
"$BELLWETHER" run --config "$CONFIG" --draws "$DRAWS" --seed "$SEED" --quiet \
  --out "$WORK/single" >"$WORK/log/single-run.console" 2>&1
( cd "$WORK/single" && ls ) >"$WORK/single.files"
( cd "$WORK/merged" && ls ) >"$WORK/merged.files"
cmp -s "$WORK/single.files" "$WORK/merged.files" || \
  die "the merge wrote other files than one run: $(diff "$WORK/single.files" "$WORK/merged.files" | tr '\n' ' ')"
while read -r f; do
  if [ "$f" = history.sqlite ]; then
    [ -s "$WORK/merged/$f" ] || die "the merge recorded no history"
    continue
  fi
  cmp "$WORK/single/$f" "$WORK/merged/$f" >&2 || die "$f differs between the merged shards and one process"
  printf 'local-slurm: identical %-16s %9d bytes  sha256 %s\n' "$f" "$(stat -c %s "$WORK/merged/$f")" \
    "$(sha256sum "$WORK/merged/$f" | cut -c1-16)"
done <"$WORK/merged.files"
log "OK: $SHARDS Slurm shards merged = one process, byte for byte"
