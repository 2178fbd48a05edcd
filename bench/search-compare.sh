#!/usr/bin/env bash
# Two searches of the same time on this machine, one ranking accuracy by training_speed (80-step
# trainings, its front then trained standalone with proxy-fast), one by proxy-fast's mAP; then the
# hypervolume of each front in (proxy-fast mAP50-95, measured latency) with one reference point
# (SearchComparison). Synthetic data (the built-in set, 4 classes, 96 px).
# Usage: bench/search-compare.sh SEED MINUTES [OUT_DIR]   (default OUT_DIR: target/search-compare)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seed="${1:?usage: bench/search-compare.sh SEED MINUTES [OUT_DIR]}"
minutes="${2:?usage: bench/search-compare.sh SEED MINUTES [OUT_DIR]}"
out="${3:-target/search-compare}"
mkdir -p "$out" target
runs=()
for mode in speed proxy; do
  if [ "$mode" = speed ]; then metric=training_speed; profile=evaluators/training-speed.yaml; final="final: evaluators/proxy-fast.yaml"
  else metric=map50_95; profile=evaluators/proxy-fast.yaml; final=""; fi
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
