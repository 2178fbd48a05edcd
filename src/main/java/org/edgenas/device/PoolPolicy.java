package org.edgenas.device;

import java.time.Duration;

/**
 * How the {@link DevicePool} treats a failing device: a measurement is tried {@code attempts} times,
 * waiting {@code initialBackoff}, then {@code factor} times longer each time (at most {@code
 * maxBackoff}), before the device is quarantined.
 */
public record PoolPolicy(int attempts, Duration initialBackoff, double factor, Duration maxBackoff) {
  /** 4 attempts, waiting 1 s, 2 s, 4 s between them: a dropped device is quarantined after about 7 s. */
  public static final PoolPolicy DEFAULT = new PoolPolicy(4, Duration.ofSeconds(1), 2, Duration.ofSeconds(30));

  public PoolPolicy {
    if (attempts < 1 || attempts > 20) throw new IllegalArgumentException("attempts must be 1..20, was " + attempts);
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initial back-off must be >= 0, was " + initialBackoff);
    }
    if (!(factor >= 1 && factor <= 10)) throw new IllegalArgumentException("back-off factor must be 1..10, was " + factor);
    if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("max back-off must be >= the initial back-off, was " + maxBackoff);
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    double ms = initialBackoff.toMillis() * Math.pow(factor, attempt - 1);
    return Duration.ofMillis((long) Math.min(ms, maxBackoff.toMillis()));
  }

  /** The total wait before a device that fails every attempt is quarantined (connection time not counted). */
  public Duration timeToQuarantine() {
    Duration total = Duration.ZERO;
    for (int a = 1; a < attempts; a++) total = total.plus(backoff(a));
    return total;
  }
}
