package org.edgenas.latency;

import ai.onnxruntime.OrtException;

/**
 * One series of timed runs: returns {@code repeats} per-run times in milliseconds. The probe times
 * real ONNX Runtime runs; tests pass a fixed sequence to exercise the re-measure logic.
 */
@FunctionalInterface
public interface TimedSeries {
  double[] run(int repeats) throws OrtException;
}
