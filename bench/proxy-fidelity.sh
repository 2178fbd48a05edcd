#!/usr/bin/env bash
# Proxy-training fidelity: rank N architectures with the fast and the 10x longer profile; Kendall tau.
# Usage: bench/proxy-fidelity.sh [key=value ...]  (space= n= fast= long= imgsz= seeds= long_seed= shard=i/m
#        out= reuse= | summarize=F1,F2 | versus='A1,A2|B1,B2'; see ProxyFidelityBenchmark's javadoc)
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.eval.bench.ProxyFidelityBenchmark "$@"
