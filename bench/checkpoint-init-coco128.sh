#!/usr/bin/env bash
# Initialisation from a checkpoint, end to end on real photographs (bench/README.md, "Checkpoint
# initialisation"): yolo11n on COCO128 at 160 px, trained with proxy-fast from random weights
# versus initialised from a checkpoint that edgenas itself trained long on COCO128's train split
# (NOT a COCO-pretrained checkpoint: 128 images, random start), then the same for two candidates
# of bench/checkpoint-init/yolo11n-variants.yaml that inherit from that checkpoint through a
# profile's init: (proxy-fast + init): --pick-seed 2 (scale n, h16 narrower, down1 an ADown) and
# --pick-seed 0 (scale t: every layer narrower; h16 narrower, down1 an ADown).
# mAP on the 128 val images.
# Stages run in order, each skipped when its metrics.json exists; a row per stage goes to
# bench/results/checkpoint-init/coco128.tsv as it finishes.
# Usage: bench/checkpoint-init-coco128.sh [LONG_STEPS] [WORK_DIR]
#   EDGENAS: the command to run (default ./edgenas; a copied jar keeps a long run off rebuilds)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
steps="${1:-3000}"
work="${2:-$root/target/checkpoint-init-coco128}"
edgenas="${EDGENAS:-$root/edgenas}"
data="${COCO128:-$root/../shared/datasets/coco128/data.yaml}"
rows="$root/bench/results/checkpoint-init/coco128.tsv"
mkdir -p "$work" "$(dirname "$rows")"
[[ -f "$rows" ]] || printf 'stage\tprofile\tinit\tmap50_95\tmap50\tseeds_map50_95\tseconds\ttransferred\tdate\n' > "$rows"
long_profile="$work/coco128-long-$steps.yaml"
sed "s/^  steps: .*/  steps: $steps/" bench/checkpoint-init/coco128-long.yaml > "$long_profile"

row() { # stage profile init-file
  python3 - "$1" "$2" "$3" "$work/$1/metrics.json" >> "$rows" <<'PY'
import json, sys, datetime
stage, profile, init, f = sys.argv[1:]
if not init and "init" in json.load(open(f)): init = json.load(open(f))["init"]["file"] + " (profile init:)"
m = json.load(open(f))
est = m.get("estimate", {})
mean = est.get("deployed_mean", m["deployed"])
each = est.get("map50_95_each", [m["deployed"]["ap"]])
tr = m.get("init", {})
print("\t".join([stage, profile, init or "random", "%.4f" % mean["ap"], "%.4f" % mean["ap50"],
  " ".join("%.4f" % x for x in each), "%.0f" % m["seconds"],
  ("%d/%d" % (tr["transferred"], tr["tensors"])) if tr else "-", datetime.date.today().isoformat()]))
PY
}

stage() { # name profile [init] [arch] [pick seed]
  local name="$1" profile="$2" init="${3:-}" arch="${4:-spaces/reference/yolo11n.yaml}" pick="${5:-}"
  if [[ ! -f "$work/$name/metrics.json" ]]; then
    $edgenas train "$arch" --data "$data" --profile "$profile" --out "$work/$name" \
      ${init:+--init "$init"} ${pick:+--pick-seed "$pick"} 2> "$work/$name.log" | tee "$work/$name.out"
    row "$name" "$(basename "$profile" .yaml)" "$init"
  fi
}

stage long "$long_profile"
stage init evaluators/proxy-fast.yaml "$work/long/model.onnx"
stage random evaluators/proxy-fast.yaml
# the candidate: random start, then inheriting through the profile's init: (relative to the profile)
variants=bench/checkpoint-init/yolo11n-variants.yaml
{ cat evaluators/proxy-fast.yaml; echo "init: long/model.onnx"; } > "$work/proxy-fast-init.yaml"
for pick in 2 0; do
  stage "variant$pick-random" evaluators/proxy-fast.yaml "" "$variants" "$pick"
  stage "variant$pick-init" "$work/proxy-fast-init.yaml" "" "$variants" "$pick"
done
column -t -s $'\t' "$rows"

# The same models scored on the 128 TRAIN images (what the training saw): with 128 images and
# 160 px, val barely moves; the train split shows whether a training kept what its checkpoint
# learnt. The model of a two-seed profile is its first seed's.
trainrows="$root/bench/results/checkpoint-init/coco128-train-split.tsv"
sed -e "s#^path: .*#path: $(cd "$(dirname "$data")" && pwd)#" -e "s#^val: .*#val: images/train2017#" "$data" > "$work/train-as-val.yaml"
printf 'stage\tmap50_95_train\tmap50_train\tdate\n' > "$trainrows"
for name in long init random variant2-random variant2-init variant0-random variant0-init; do
  [[ -f "$work/$name/model.onnx" ]] || continue
  $edgenas eval "$work/$name/model.onnx" --data "$work/train-as-val.yaml" --json > "$work/$name-train-split.json"
  python3 - "$name" "$work/$name-train-split.json" >> "$trainrows" <<'PY'
import json, sys, datetime
m = json.load(open(sys.argv[2]))
print("\t".join([sys.argv[1], "%.4f" % m["ap"], "%.4f" % m["ap50"], datetime.date.today().isoformat()]))
PY
done
column -t -s $'\t' "$trainrows"
