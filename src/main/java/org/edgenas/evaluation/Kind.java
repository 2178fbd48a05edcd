package org.edgenas.evaluation;

/** How a value was obtained; only MEASURED and EXACT values may be reported as facts. */
public enum Kind {
  /** Measured on the real thing (proxy training, a latency probe). */
  MEASURED,
  /** A prediction (surrogate, latency predictor): steers the search, never reported as a measurement. */
  ESTIMATE,
  /** Computed exactly from the architecture (cost model). */
  EXACT
}
