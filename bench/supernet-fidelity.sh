#!/usr/bin/env bash
# Supernet estimates in the fidelity benchmark's TSV format (then: bench/proxy-fidelity.sh summarize=...).
# Usage: bench/supernet-fidelity.sh [key=value ...]  (space= profile= imgsz= steps= data= dir= out= n= pool_seed=
#        sample= sample_seed= bn_batches= finetune_steps= finetune_lr= train_only=1; see SupernetFidelityBenchmark's javadoc)
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.eval.bench.SupernetFidelityBenchmark "$@"
