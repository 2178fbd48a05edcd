package org.edgenas.device;

import org.edgenas.latency.MeasurementProtocol;

/**
 * What one remote measurement is asked to do.
 *
 * @param protocol warm-up, repeats, threads, CV limit and retries (the host applies the CV rule)
 * @param precision the engine precision where the runtime has a choice (trtexec); others run the
 *     ONNX file as it is
 * @param sustainedSeconds 0, or the seconds of untimed load before the timed series (sustained
 *     mode: the median after the device has been busy that long)
 */
public record RunRequest(MeasurementProtocol protocol, Precision precision, int sustainedSeconds) {
  public RunRequest {
    if (protocol == null) throw new IllegalArgumentException("protocol must be given");
    if (precision == null) precision = Precision.FP32;
    if (sustainedSeconds < 0 || sustainedSeconds > 3600) {
      throw new IllegalArgumentException("sustained seconds must be 0..3600, was " + sustainedSeconds);
    }
  }

  public static RunRequest of(MeasurementProtocol protocol) {
    return new RunRequest(protocol, Precision.FP32, 0);
  }

  /** The untimed load before the timed runs: the protocol's warm-up, stretched to the sustained time. */
  public double warmupSeconds() {
    return Math.max(protocol.warmupMinSeconds(), sustainedSeconds);
  }

  /** The intra-op threads: the device file's when set (non-zero), else the protocol's. */
  public int threads(Device device) {
    return device.threads() > 0 ? device.threads() : protocol.intraOpThreads();
  }
}
