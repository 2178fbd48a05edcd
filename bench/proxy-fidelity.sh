#!/usr/bin/env bash
# Proxy-training fidelity: rank N architectures with a fast and a 10x longer profile; Kendall tau.
# Usage: bench/proxy-fidelity.sh [SPACE] [N] [IMGSZ] [FAST_STEPS] [BATCH]
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.eval.bench.ProxyFidelityBenchmark "$@"
