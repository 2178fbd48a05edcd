#!/usr/bin/env bash
# Prints fidelity-sweep job lines for bench/device/sweep.sh, the largest architectures first:
#   jobs.sh PROFILE SEEDS [key=value ...]   e.g. jobs.sh bench/fidelity-variants/subset25.yaml 2 pool_seed=7 long=none
# One job per (architecture index 11..0, fast seed 0..SEEDS-1); NAME = profile name, seed and index.
set -euo pipefail
profile=$1 seeds=$2
shift 2
name="$(basename "$profile" .yaml)"
for i in 11 10 9 8 7 6 5 4 3 2 1 0; do
  for ((s = 0; s < seeds; s++)); do echo "$name-s$s-a$i fast=$profile fast_seed=$s shard=$i/12 $*"; done
done
