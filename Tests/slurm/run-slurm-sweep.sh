#!/usr/bin/env bash
# Runs a small sweep through a real single-node Slurm (Debian's slurm-wlm and munge, daemons
# started by hand) and checks that its merged table equals a local run's, byte for byte.
# Usage: Tests/slurm/run-slurm-sweep.sh PLENUM_BINARY   (as root; installs slurm-wlm and munge)
set -euo pipefail
plenum=$(realpath "$1")
cd "$(dirname "$0")/../.."
root=$(pwd)

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

work=$(mktemp -d /tmp/plenum-slurm.XXXXXX)
chmod 755 "$work"
host=$(hostname)
node=$(slurmd -C | head -1)
cleanup() {
  SLURM_CONF="$work/slurm.conf" scontrol shutdown >/dev/null 2>&1 || true
  sleep 1
  [ -f /run/munge/plenum-ci.pid ] && kill "$(cat /run/munge/plenum-ci.pid)" 2>/dev/null || true
  pkill -f "slurmd -f $work" 2>/dev/null || true
  pkill -f "slurmctld -f $work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# munge: its own user, its key from the package.
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
[ -f /etc/munge/munge.key ] || { dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null; chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/plenum-ci.pid --force

mkdir -p "$work/state" "$work/spool"
cat > "$work/slurm.conf" <<CONF
ClusterName=plenum-ci
SlurmctldHost=$host
AuthType=auth/munge
SlurmUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
$node State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -f "$work/slurm.conf"
slurmd -f "$work/slurm.conf"
for _ in $(seq 1 60); do
  sinfo -h -o %t 2>/dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o %t | grep -q idle || { echo "slurm node did not become idle"; cat "$work"/*.log; exit 1; }

# The sweep: a short quickstart variant, 4 points, written into the work folder.
sed 's/duration: 2 h/duration: 20 min/' Scenarios/quickstart.yaml > "$work/base.yaml"
cat > "$work/sweep.yaml" <<SWEEP
scenario: base.yaml
seed: 3
axes:
  - key: halls[0].supply_air_temperature
    values: [20 degC, 26 degC]
  - key: racks.superpod-air.servers
    values: [3, 4]
slurm:
  partition: ci
  account: plenum-ci
SWEEP

"$plenum" sweep "$work/sweep.yaml" --output "$work/slurm-run" --slurm-script --tasks 3 --quiet \
  --slurm-option comment=plenum-ci-test --slurm-option account=plenum-ci-2
for line in "#SBATCH --partition=ci" "#SBATCH --account=plenum-ci-2" "#SBATCH --comment=plenum-ci-test" "task-%A_%a.log"; do
  grep -qF -- "$line" "$work/slurm-run/slurm/array.sbatch" || { echo "array.sbatch lacks '$line'"; cat "$work/slurm-run/slurm/array.sbatch"; exit 1; }
done
bash "$work/slurm-run/slurm/submit.sh"
for _ in $(seq 1 300); do
  [ -z "$(squeue -h 2>/dev/null)" ] && break
  sleep 1
done
[ -z "$(squeue -h)" ] || { echo "Slurm jobs did not finish"; squeue; exit 1; }
[ -f "$work/slurm-run/sweep.h5" ] || { echo "merge job produced no sweep.h5"; cat "$work/slurm-run/slurm/"*.log; exit 1; }
# Logs carry the array's job id, so a resubmission does not overwrite them.
ls "$work/slurm-run/slurm/" | grep -qE '^task-[0-9]+_[0-2]\.log$' || { echo "no task-JOBID_INDEX.log"; ls "$work/slurm-run/slurm/"; exit 1; }

"$plenum" sweep "$work/sweep.yaml" --output "$work/local-run" --jobs 2 --quiet
"$plenum" merge "$work/local-run" >/dev/null
if cmp -s "$work/slurm-run/sweep.h5" "$work/local-run/sweep.h5"; then
  echo "slurm: 1 passed, 0 failed"
else
  echo "merged tables differ between the Slurm array and the local run"
  echo "slurm: 0 passed, 1 failed"
  exit 1
fi
