#!/usr/bin/env python3
"""edgenas device runner for the onnxruntime-python runtime.

Uploaded by edgenas into the device's cache and started as
  python3 ort_runner.py MODEL.onnx --threads N --warmup N --warmup-seconds S --repeats N
It times ONNX Runtime (CPU) the way the Java probe does: one session with N intra-op threads, one
inter-op thread, sequential execution, every graph optimisation; the single float image input is
filled with seeded values in [0, 1); warm-up runs until both the count and the seconds are reached;
each timed run is time.perf_counter_ns() around session.run alone.
Prints ONE JSON line: {"runtime": "onnxruntime-python", "ort": VERSION, "python": VERSION,
"times_ms": [...], "warmup_runs": N, "threads": N}. Exit 3: onnxruntime (or numpy) cannot be
imported; exit 2: bad arguments or model; exit 1: a failure while running.
"""
import argparse
import json
import platform
import sys
import time

NO_RUNTIME = 3


def main(argv):
    parser = argparse.ArgumentParser(prog="ort_runner.py")
    parser.add_argument("model")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--warmup-seconds", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args(argv)
    try:
        import numpy
        import onnxruntime
    except ImportError as e:
        print("edgenas ort_runner: python3 %s cannot import onnxruntime (%s); install it on the device"
              " with 'pip install onnxruntime'" % (platform.python_version(), e), file=sys.stderr)
        return NO_RUNTIME

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    try:
        session = onnxruntime.InferenceSession(args.model, sess_options=options,
                                               providers=["CPUExecutionProvider"])
    except Exception as e:  # ORT raises several types for an unloadable file
        print("edgenas ort_runner: %s: not a loadable ONNX model (%s)" % (args.model, str(e).splitlines()[0]),
              file=sys.stderr)
        return 2
    inputs = session.get_inputs()
    if len(inputs) != 1:
        print("edgenas ort_runner: %s: expected one image input, found %d" % (args.model, len(inputs)),
              file=sys.stderr)
        return 2
    shape = [d if isinstance(d, int) and d > 0 else 1 for d in inputs[0].shape]
    feed = {inputs[0].name: numpy.random.default_rng(20240917).random(shape, dtype=numpy.float32)}

    start = time.perf_counter()
    runs = 0
    while runs < args.warmup or time.perf_counter() - start < args.warmup_seconds:
        session.run(None, feed)
        runs += 1
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter_ns()
        session.run(None, feed)
        times.append((time.perf_counter_ns() - t0) / 1e6)
    print(json.dumps({"runtime": "onnxruntime-python", "ort": onnxruntime.__version__,
                      "python": platform.python_version(), "times_ms": times, "warmup_runs": runs,
                      "threads": args.threads}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
