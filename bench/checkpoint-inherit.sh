#!/usr/bin/env bash
# Times a search candidate's inheritance from a checkpoint (org.edgenas.checkpoint.bench.InheritTimeBench):
# sampled candidates of a space, each fitted from the checkpoint of a reference. See bench/README.md.
# Usage: bench/checkpoint-inherit.sh REPEATS SAMPLES FILE.onnx REFERENCE.yaml SPACE.yaml
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.checkpoint.bench.InheritTimeBench "$@"
