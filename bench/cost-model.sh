#!/usr/bin/env bash
# Samples and costs N architectures (default 10,000 of spaces/yolo-lite.yaml) and prints the time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAVA_HOME="$(bin/find-jdk25)"
./mvn25 -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >/dev/null
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.edgenas.cost.CostModelBenchmark "${1:-spaces/yolo-lite.yaml}" "${2:-10000}"
