package org.edgenas.arch;

/** An architecture that does not hold together, naming the layer (and its source line when known). */
public final class ArchitectureException extends IllegalArgumentException {
  private final int line;

  public ArchitectureException(Layer layer, String message) {
    super(layer.name() + ": " + message);
    this.line = layer.line();
  }

  public ArchitectureException(String message) {
    super(message);
    this.line = 0;
  }

  /** The source line of the offending layer, 0 when unknown. */
  public int line() {
    return line;
  }
}
