#!/usr/bin/env bash
# Issue 21 item 4: peak memory (max RSS of the JVM, DJL's native tensors included) and time per step
# of a yolo-lite supernet training at IMGSZ (default 320) with evaluators/supernet.yaml (batch 8,
# the largest, the smallest and 2 random paths per step), next to one standalone training step of
# yolo11n at the same size and batch (bench/train-step.sh). Writes nothing but target/supernet-step/.
# Usage: bench/supernet-step.sh [IMGSZ] [STEPS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
imgsz="${1:-320}" steps="${2:-6}" dir=target/supernet-step
rm -rf "$dir" && mkdir -p "$dir"
/usr/bin/time -v -o "$dir/time.txt" bench/supernet-fidelity.sh profile=evaluators/supernet.yaml classes=4 train=256 val=64 \
  imgsz="$imgsz" steps="$steps" dir="$dir" train_only=1 > "$dir/supernet.log" 2>&1
echo "supernet ($steps steps at $imgsz px, batch 8, 4 paths a step): $(grep -o 'supernet: .*' "$dir/supernet.log")"
echo "  peak RSS: $(awk -F': ' '/Maximum resident set size/ {printf "%.2f GiB", $2/1048576}' "$dir/time.txt")"
bench/train-step.sh spaces/reference/yolo11n.yaml "$imgsz" 8 5 1 2>/dev/null | grep -v WARNING | tail -1
