package org.edgenas.common;

/**
 * Bad input from a user's file or command line. The message is one sentence that names the file,
 * the line where known, the field and what was expected; the CLI prints it and exits with 2.
 */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code file:line: message}, or {@code file: message} when the line is unknown (0 or less). */
  public static BadInputException at(String file, int line, String message) {
    return new BadInputException(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
  }
}
