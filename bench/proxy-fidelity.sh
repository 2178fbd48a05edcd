#!/usr/bin/env bash
# Proxy-training fidelity: rank N architectures with a fast and a 10x longer profile; Kendall tau.
# Usage: bench/proxy-fidelity.sh [SPACE] [N] [IMGSZ] [FAST_STEPS] [BATCH]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAVA_HOME="$(bin/find-jdk25)"
./mvn25 -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >/dev/null
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.cache/edgenas/djl}" ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$HOME/.cache/edgenas/djl}"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dai.djl.offline=true \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.edgenas.eval.bench.ProxyFidelityBenchmark "$@"
