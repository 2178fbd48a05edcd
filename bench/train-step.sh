#!/usr/bin/env bash
# Times one DJL training step (org.edgenas.train.bench.TrainStepBench) of a space's default
# architecture and writes its op list for bench/train_step_torch.py. See bench/README.md.
# Usage: bench/train-step.sh SPACE.yaml IMGSZ BATCH [STEPS] [THREADS] [OPS_JSON]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
JAVA_HOME="$(bin/find-jdk25)"
cp=target/bench-test-classpath.txt
./mvn25 -o -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
mkdir -p target/djl-cache
DJL_CACHE_DIR="$root/target/djl-cache" ENGINE_CACHE_DIR="$root/target/djl-cache" \
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dai.djl.offline=true \
  -cp "target/test-classes:target/classes:$(cat "$cp")" org.edgenas.train.bench.TrainStepBench "$@"
