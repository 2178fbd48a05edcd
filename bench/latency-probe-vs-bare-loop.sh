#!/usr/bin/env bash
# Runs org.edgenas.latency.bench.LatencyProbeVsBareLoop (a main class in src/test/java) on MODEL.onnx,
# or on a small generated Conv/Sigmoid model when no file is given. See bench/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
JAVA_HOME="$(bin/find-jdk25)"
cp=target/bench-test-classpath.txt
./mvn25 -o -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "target/test-classes:target/classes:$(cat "$cp")" org.edgenas.latency.bench.LatencyProbeVsBareLoop "$@"
