#!/usr/bin/env bash
# A single-node Slurm cluster in a folder, for the integration test and for trying the
# sbatch templates on one machine: munged, slurmctld and slurmd from Debian's packages
# (slurm-wlm 22.05, munge), configured on localhost with their own ports, key, spool and
# state, all under DIR. Needs root (slurmd runs jobs as the submitting user).
#
#   slurm/local-cluster.sh start DIR   # prints the SLURM_CONF to export, waits until the node is idle
#   slurm/local-cluster.sh stop DIR    # stops the three daemons
set -euo pipefail
action=${1:?usage: local-cluster.sh start|stop DIR}
dir=$(mkdir -p "${2:?usage: local-cluster.sh start|stop DIR}" && cd "$2" && pwd)

stop() {
    for p in slurmd slurmctld munged; do
        [ -f "$dir/$p.pid" ] && kill "$(cat "$dir/$p.pid")" 2>/dev/null || true
    done
    sleep 1
    for p in slurmd slurmctld munged; do
        [ -f "$dir/$p.pid" ] && kill -9 "$(cat "$dir/$p.pid")" 2>/dev/null || true
        rm -f "$dir/$p.pid"
    done
}

if [ "$action" = stop ]; then stop; exit 0; fi
[ "$action" = start ] || { echo "usage: local-cluster.sh start|stop DIR" >&2; exit 2; }
for tool in munged slurmctld slurmd sbatch sinfo; do
    command -v "$tool" >/dev/null || { echo "local-cluster.sh: $tool not found (apt-get install munge slurmctld slurmd slurm-client)" >&2; exit 2; }
done

mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
chmod 700 "$dir/munge"
# munged insists on a key readable by its user only, in folders not writable by others.
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge/munge.key"
munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
       --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed"

host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))
# Ports from the directory's path, so two clusters on one machine do not collide.
base=$(( 20000 + $(printf '%s' "$dir" | cksum | cut -d' ' -f1) % 20000 ))
cat > "$dir/slurm.conf" <<CONF
ClusterName=meanfield-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$base
SlurmdPort=$((base + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
# Schedule a batch job as soon as one ends (the default waits up to 3 s per job: 30 s for the
# cluster test's ten short jobs, one after another on this node).
SchedulerParameters=batch_sched_delay=0
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MaxArraySize=10001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
echo "# no cgroups here: proctrack/linuxproc and task/none in slurm.conf" > "$dir/cgroup.conf"
export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$dir/slurm.conf"
slurmd -f "$dir/slurm.conf"
for _ in $(seq 1 60); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qx idle; then
        echo "SLURM_CONF=$dir/slurm.conf"
        exit 0
    fi
    sleep 1
done
echo "local-cluster.sh: the node did not become idle in 60 s; logs:" >&2
tail -n 20 "$dir"/log/*.log >&2 || true
stop
exit 1
