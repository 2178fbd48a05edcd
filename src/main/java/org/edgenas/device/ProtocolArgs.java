package org.edgenas.device;

import java.math.BigDecimal;
import org.edgenas.latency.MeasurementProtocol;

/** A request's protocol as command-line words for a device-side runner, numbers written plainly ("0.1"). */
record ProtocolArgs(String threads, String warmup, String warmupSeconds, String repeats, String maxCv) {
  static ProtocolArgs of(Device device, RunRequest request) {
    MeasurementProtocol p = request.protocol();
    return new ProtocolArgs(Integer.toString(request.threads(device)), Integer.toString(p.warmupIterations()),
        plain(request.warmupSeconds()), Integer.toString(p.repeats()), plain(p.maxCv()));
  }

  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
