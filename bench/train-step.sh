#!/usr/bin/env bash
# Times one DJL training step (org.edgenas.train.bench.TrainStepBench) of a space's default
# architecture and writes its op list for bench/train_step_torch.py. See bench/README.md.
# Usage: bench/train-step.sh SPACE.yaml IMGSZ BATCH [STEPS] [THREADS] [OPS_JSON]
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" org.edgenas.train.bench.TrainStepBench "$@"
