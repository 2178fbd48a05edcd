#!/usr/bin/env bash
# Compression in the loop: mAP of float/pruned/int8 exports, with/without fine-tune and distillation; parent sharing.
# Usage: bench/compression.sh [IMGSZ=64] [STEPS=80] [FINETUNE=20] [BATCH=16] [THREADS=2]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAVA_HOME="$(bin/find-jdk25)"
./mvn25 -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >/dev/null
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.cache/edgenas/djl}" ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$HOME/.cache/edgenas/djl}"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dai.djl.offline=true \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.edgenas.eval.bench.CompressionBenchmark "$@"
