#!/usr/bin/env bash
# Samples and costs N architectures (default 10,000 of spaces/yolo-lite.yaml) and prints the time.
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.cost.CostModelBenchmark "${1:-spaces/yolo-lite.yaml}" "${2:-10000}"
