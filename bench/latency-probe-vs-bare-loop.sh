#!/usr/bin/env bash
# Runs org.edgenas.latency.bench.LatencyProbeVsBareLoop on MODEL.onnx, or on a small generated
# Conv/Sigmoid model when no file is given. See bench/README.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.latency.bench.LatencyProbeVsBareLoop "$@"
