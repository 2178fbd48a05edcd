package org.edgenas.arch;

/** Activation functions the lowered network uses. SiLU is exported as x·sigmoid(x). */
public enum Act {
  NONE,
  SILU,
  RELU,
  SIGMOID,
  HARD_SIGMOID
}
