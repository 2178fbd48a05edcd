#!/bin/sh
# A FAKE trtexec for tests (no GPU on the test machines): logs its arguments to $0.args, "builds" an
# engine file for --saveEngine, prints TensorRT 8.6-format log lines and performance summary, and
# writes an --exportTimes file with one entry per iteration (unless FAKE_TRT_NO_TIMES=1).
echo "$*" >> "$0.args"
engine=""; times=""; iterations=10
for a in "$@"; do
  case "$a" in
    --saveEngine=*) engine="${a#--saveEngine=}" ;;
    --exportTimes=*) times="${a#--exportTimes=}" ;;
    --iterations=*) iterations="${a#--iterations=}" ;;
  esac
done
echo "&&&& RUNNING TensorRT.trtexec [TensorRT v8602] # trtexec $*"
echo "[10/03/2024-10:47:50] [I] TensorRT version: 8.6.2"
if [ -n "$engine" ]; then
  printf 'fake engine\n' > "$engine"
  echo "[10/03/2024-10:47:55] [I] Engine built in 1.5 sec."
fi
if [ -n "$times" ] && [ "${FAKE_TRT_NO_TIMES:-0}" != 1 ]; then
  i=0; sep="["
  {
    while [ "$i" -lt "$iterations" ]; do
      ms=$(( 700 + (i % 3) * 10 ))
      printf '%s { "startEnqMs" : 1.0, "endEnqMs" : 1.1, "h2dMs" : 0.01, "computeMs" : 7.%s, "d2hMs" : 0.01, "latencyMs" : 7.%s }\n' "$sep" "$ms" "$ms"
      sep=","; i=$((i + 1))
    done
    echo "]"
  } > "$times"
fi
echo "[10/03/2024-10:47:59] [I] === Performance summary ==="
echo "[10/03/2024-10:47:59] [I] Throughput: 130.298 qps"
echo "[10/03/2024-10:47:59] [I] Latency: min = 7.7 ms, max = 7.72 ms, mean = 7.71 ms, median = 7.71 ms, percentile(90%) = 7.72 ms, percentile(95%) = 7.72 ms, percentile(99%) = 7.72 ms"
echo "[10/03/2024-10:47:59] [I] Total Host Walltime: 3.00082 s"
echo "&&&& PASSED TensorRT.trtexec [TensorRT v8602]"
