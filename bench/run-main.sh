#!/usr/bin/env bash
# Runs a benchmark's main class from src/test/java with the project's JVM flags and offline DJL:
#   bench/run-main.sh org.edgenas.some.bench.Class [args...]
# (Builds the test classes and their classpath first; every bench/*.sh goes through here.)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
JAVA_HOME="$(bin/find-jdk25)"
cp=target/bench-test-classpath.txt
./mvn25 -o -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.cache/edgenas/djl}" ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$HOME/.cache/edgenas/djl}"
main="$1"
shift
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dai.djl.offline=true -Xss16m \
  -cp "target/test-classes:target/classes:$(cat "$cp")" "$main" "$@"
