#!/usr/bin/env bash
# Integration test on a real (single-node) Slurm: starts local-cluster.sh in a temporary
# folder, submits a phase diagram and a Monte-Carlo ensemble as array jobs of 4 shards,
# each followed by its merge job (--dependency=afterok), waits for them, and checks that
# each merged table equals the unsharded run byte for byte. Exit 0 on success.
#   slurm/cluster-test.sh path/to/meanfield
set -euo pipefail
bin=$(cd "$(dirname "${1:?usage: cluster-test.sh MEANFIELD}")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/meanfield-slurm-XXXXXX)
cleanup() { "$here/local-cluster.sh" stop "$work/cluster" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
started=$(date +%s)
eval "export $("$here/local-cluster.sh" start "$work/cluster" | tail -n 1)"
cd "$work"
export MEANFIELD=$bin SHARDS=$work/shards FORMAT=csv
export SIGMA_W=1:5:21 SIGMA_B=0:4:21 PHI=tanh
"$here/submit.sh" phase-diagram 4 "$work/phase-diagram.csv"
# sbatch hands each job the environment of its submission.
export SIGMA_W=2.5 SIGMA_B=0.3 WIDTH=60 DEPTH=4 POINTS=8 NETWORKS=6 SEED=3 WEIGHTS=gaussian
"$here/submit.sh" ensemble 4 "$work/ensemble.csv"
for _ in $(seq 1 240); do
    [ -f "$work/phase-diagram.csv" ] && [ -f "$work/ensemble.csv" ] && break
    if [ -z "$(squeue -h -o %i 2>/dev/null)" ]; then sleep 1; break; fi
    sleep 0.5
done
status=0
"$bin" phase-diagram --phi tanh --sigma-w 1:5:21 --sigma-b 0:4:21 --format csv > expected-phase-diagram.csv
"$bin" simulate --sigma-w 2.5 --sigma-b 0.3 --width 60 --depth 4 --points 8 --networks 6 --seed 3 --weights gaussian \
    --format csv > expected-ensemble.csv
for name in phase-diagram ensemble; do
    if [ ! -f "$work/$name.csv" ]; then
        echo "cluster-test: no merged $name (jobs: $(squeue -h 2>&1 | tr '\n' ' '))"; tail -n 5 meanfield-*.log 2>/dev/null || true
        status=1
    elif cmp -s "$work/$name.csv" "expected-$name.csv"; then
        echo "cluster-test: $name: 4 shards on Slurm merged to the unsharded bytes ($(wc -c < "$work/$name.csv") bytes)"
    else
        echo "cluster-test: $name: merged output differs from the unsharded run"; status=1
    fi
done
echo "cluster-test: $(( $(date +%s) - started )) s"
exit $status
