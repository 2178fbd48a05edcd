#!/usr/bin/env bash
# Times importing checkpoints (org.edgenas.checkpoint.bench.ImportTimeBench): read the ONNX file,
# fit it onto its architecture. See bench/README.md.
# Usage: bench/checkpoint-import.sh REPEATS FILE.onnx=ARCH.yaml ...
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.checkpoint.bench.ImportTimeBench "$@"
