#!/bin/bash
# On the device machine, from a copy of the repository (see bench/device/README.md):
#   sweep.sh run JOBS      runs fidelity-benchmark jobs, one per line of JOBS ("NAME key=value ..."), P (16) at once;
#                          rows go to /tmp/res/NAME.tsv, logs to /tmp/res/log/NAME.log, "done NAME rc=.." to stdout
#   sweep.sh collect FILE  every finished row into FILE, prefixed with its job's variant and fast seed (NAME is
#                          VARIANT-sSEED-aINDEX, as bench/device/jobs.sh writes): ProxyFidelityBenchmark sweep= reads it
set -u  # EN: where the bundle was unpacked (default /opt/en)
case "${1:-}" in
  run)
    export DJL_CACHE_DIR=${EN:-/opt/en}/djl ENGINE_CACHE_DIR=${EN:-/opt/en}/djl
    CP=".devbundle/classes/test-classes:.devbundle/classes/classes:$(ls ${EN:-/opt/en}/jars/*.jar | tr '\n' ':')"
    export CP
    mkdir -p /tmp/res/log
    one() {
      name=$1; shift
      ${EN:-/opt/en}/jdk/bin/java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dai.djl.offline=true -Xmx3g \
        -cp "$CP" org.edgenas.eval.bench.ProxyFidelityBenchmark n=12 imgsz=64 "$@" out="/tmp/res/$name.tsv" \
        > "/tmp/res/log/$name.log" 2>&1
      echo "done $name rc=$? $(date +%T)"
    }
    export -f one
    xargs -P "${P:-16}" -L 1 bash -c 'one "$@"' _ < "$2" ;;
  collect)
    {
      printf 'variant\tfast_seed\t'; head -n 1 "$(ls /tmp/res/*.tsv | head -n 1)"
      for f in /tmp/res/*.tsv; do
        n="$(basename "$f" .tsv)" # VARIANT-sSEED-aINDEX
        tail -n +2 "$f" | sed "s/^/${n%-s*}\t$(echo "$n" | sed 's/.*-s\([0-9]*\)-a[0-9]*$/\1/')\t/"
      done
    } > "$2" ;;
  *) echo "usage: sweep.sh run JOBS | collect FILE" >&2; exit 2 ;;
esac
