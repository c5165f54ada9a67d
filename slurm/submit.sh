#!/usr/bin/env bash
# Submits an array job of TASKS shards and the merge job that waits for all of them:
#   slurm/submit.sh phase-diagram 16 result.dat      # or: ensemble 16 result.dat
# Passes the environment on (MEANFIELD, SHARDS, FORMAT and the run's parameters: see the
# .sbatch files); prints the two job ids.
set -euo pipefail
name=${1:?usage: submit.sh phase-diagram|ensemble TASKS RESULT}
tasks=${2:?usage: submit.sh phase-diagram|ensemble TASKS RESULT}
result=${3:?usage: submit.sh phase-diagram|ensemble TASKS RESULT}
here=$(cd "$(dirname "$0")" && pwd)
array=$(sbatch --parsable --array=0-$((tasks - 1)) "$here/$name.sbatch")
merge=$(NAME=$name RESULT=$result sbatch --parsable --dependency=afterok:"$array" --kill-on-invalid-dep=yes "$here/merge.sbatch")
echo "array job $array ($tasks shards), merge job $merge → $result"
