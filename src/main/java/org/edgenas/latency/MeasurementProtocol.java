package org.edgenas.latency;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How one latency measurement is taken: at least {@code warmupIterations} untimed runs AND at least
 * {@code warmupMinSeconds} of them, then {@code repeats} timed runs on {@code intraOpThreads}
 * threads. When the coefficient of variation of a series exceeds {@code maxCv} the series is taken
 * again, up to {@code maxRetries} times, and the result is flagged unstable if it is still over.
 *
 * <p>The allowed range of every field lives in {@link Field}; the YAML loader ({@link
 * MeasurementProtocols}) reports the same ranges with file and line.
 */
public record MeasurementProtocol(
    @JsonProperty("warmup_iterations") int warmupIterations,
    @JsonProperty("warmup_min_seconds") double warmupMinSeconds,
    @JsonProperty("repeats") int repeats,
    @JsonProperty("intra_op_threads") int intraOpThreads,
    @JsonProperty("max_cv") double maxCv,
    @JsonProperty("max_retries") int maxRetries) {

  /** The defaults, mirrored by {@code evaluators/latency-default.yaml}. */
  public static final MeasurementProtocol DEFAULT = new MeasurementProtocol(10, 1.0, 50, 4, 0.10, 2);

  public MeasurementProtocol {
    Field.WARMUP_ITERATIONS.check(warmupIterations);
    Field.WARMUP_MIN_SECONDS.check(warmupMinSeconds);
    Field.REPEATS.check(repeats);
    Field.INTRA_OP_THREADS.check(intraOpThreads);
    Field.MAX_CV.check(maxCv);
    Field.MAX_RETRIES.check(maxRetries);
  }

  /** This protocol with one field changed; a value out of the field's range is an IllegalArgumentException. */
  public MeasurementProtocol with(Field field, double value) {
    field.check(value);
    double[] values = values();
    values[field.ordinal()] = value;
    return new MeasurementProtocol(
        (int) values[0], values[1], (int) values[2], (int) values[3], values[4], (int) values[5]);
  }

  /** The value of one field. */
  public double value(Field field) {
    return values()[field.ordinal()];
  }

  /** The fields' values in {@link Field} order (the order of the record components). */
  private double[] values() {
    return new double[] {warmupIterations, warmupMinSeconds, repeats, intraOpThreads, maxCv, maxRetries};
  }

  /** The protocol's fields in record-component order: YAML key, whether whole numbers only, allowed range. */
  public enum Field {
    WARMUP_ITERATIONS("warmup_iterations", true, 0, 100_000),
    WARMUP_MIN_SECONDS("warmup_min_seconds", false, 0, 600),
    REPEATS("repeats", true, 2, 1_000_000),
    INTRA_OP_THREADS("intra_op_threads", true, 1, 1024),
    MAX_CV("max_cv", false, 0.001, 10),
    MAX_RETRIES("max_retries", true, 0, 20);

    private final String key;
    private final boolean integer;
    private final double min;
    private final double max;

    Field(String key, boolean integer, double min, double max) {
      this.key = key;
      this.integer = integer;
      this.min = min;
      this.max = max;
    }

    public String key() {
      return key;
    }

    public boolean integer() {
      return integer;
    }

    /** "an integer 2..1000000" or "a number 0.001..10": what the field accepts, for messages. */
    public String expected() {
      return integer
          ? "an integer " + (long) min + ".." + (long) max
          : "a number " + MethodText.number(min) + ".." + MethodText.number(max);
    }

    /** The problem with {@code value}, or null when it is allowed. */
    public String problem(double value) {
      boolean ok = Double.isFinite(value) && value >= min && value <= max
          && (!integer || value == Math.rint(value));
      return ok ? null : key + " must be " + expected() + ", was " + MethodText.number(value);
    }

    void check(double value) {
      String problem = problem(value);
      if (problem != null) throw new IllegalArgumentException(problem);
    }

    /** The field with this YAML key, or null. */
    public static Field byKey(String key) {
      for (Field f : values()) if (f.key.equals(key)) return f;
      return null;
    }
  }
}
