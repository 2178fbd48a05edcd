#!/usr/bin/env bash
# The same small search with proxy training in-process, in 2 local worker processes and on 2
# Temporal workers of this machine (org.edgenas.worker.bench.ClusterBench): wall times, and the
# overhead per evaluation of each path. See bench/README.md.
# Usage: bench/cluster.sh [POPULATION] [GENERATIONS] [STEPS] [SEQUENTIAL]
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.worker.bench.ClusterBench "$@"
