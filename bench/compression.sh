#!/usr/bin/env bash
# Compression in the loop: mAP of float/pruned/int8 exports, with/without fine-tune and distillation; parent sharing.
# Usage: bench/compression.sh [IMGSZ=64] [STEPS=80] [FINETUNE=20] [BATCH=16] [THREADS=2]
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.eval.bench.CompressionBenchmark "$@"
