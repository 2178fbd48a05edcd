#!/usr/bin/env bash
# The search's accuracy surrogate (Gaussian process) fitted on a few proxy-trained architectures of one
# pool, predicting another pool; rows in the fidelity TSV format (then: bench/proxy-fidelity.sh summarize=/pairs=).
# Usage: bench/surrogate-fidelity.sh train=F1,F2 [train_n= train_pool_seed= n= pool_seed= supernet_train= supernet_test= out=]
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.eval.bench.SurrogateFidelityBenchmark "$@"
