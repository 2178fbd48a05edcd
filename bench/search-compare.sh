#!/usr/bin/env bash
# Two searches on this machine, one ranking accuracy by training_speed (80-step trainings, its front
# then trained standalone with proxy-fast), one by proxy-fast's mAP; then the hypervolume of each
# front in (proxy-fast mAP50-95, measured latency) with one reference point (SearchComparison).
# Give the proxy-fast search the training-speed search's minutes plus what its final: trainings take
# (about a minute per front model here) to compare them at equal wall time; both are printed.
# Synthetic data (the built-in set, 4 classes, 96 px).
# Usage: bench/search-compare.sh SEED SPEED_MINUTES PROXY_MINUTES [OUT_DIR]   (default OUT_DIR: target/search-compare)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
usage="usage: bench/search-compare.sh SEED SPEED_MINUTES PROXY_MINUTES [OUT_DIR]"
seed="${1:?$usage}"
speed_minutes="${2:?$usage}"
proxy_minutes="${3:?$usage}"
out="${4:-target/search-compare}"
mkdir -p "$out" target
runs=()
for mode in speed proxy; do
  if [ "$mode" = speed ]; then
    metric=training_speed; profile=evaluators/training-speed.yaml; final="final: evaluators/proxy-fast.yaml"; minutes=$speed_minutes
  else metric=map50_95; profile=evaluators/proxy-fast.yaml; final=""; minutes=$proxy_minutes; fi
  recipe="target/compare-$mode-s$seed.yaml"
  sed -e "s#@MODE@#$mode#" -e "s#@METRIC@#$metric#" -e "s#@PROFILE@#$profile#" -e "s#@FINAL@#$final#" \
      -e "s#@MINUTES@#$minutes#" -e "s#@SEED@#$seed#" bench/search-compare/template.yaml > "$recipe"
  run="$mode-s$seed-${minutes}min"
  start=$(date +%s)
  ./edgenas search "$recipe" --quiet --results="$out" --run="$run" > "$out/$run.log" 2>&1
  echo "$run: $(( $(date +%s) - start )) s wall (search and any final: trainings)"
  runs+=("$out/$run")
done
exec bench/run-main.sh org.edgenas.results.bench.SearchComparison local "${runs[@]}"
