#!/usr/bin/env bash
# Quantization-aware fine-tune vs post-training int8 (and a float fine-tune of the same length as control).
# Usage: bench/qat.sh [IMGSZ=64] [STEPS=200] [QAT_STEPS=40] [SAMPLES=2]
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.eval.bench.QatBenchmark "$@"
