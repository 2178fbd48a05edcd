package org.edgenas.supernet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Sha256;

/** The space hash a supernet file records: 16 hex digits of SHA-256 over the space file's bytes. */
public final class SupernetKeys {
  private SupernetKeys() {}

  public static String spaceHash(Path space) {
    try {
      return Sha256.hex(Files.readAllBytes(space)).substring(0, 16);
    } catch (IOException e) {
      throw new BadInputException(space + ": cannot read the space file (" + e.getMessage() + ")", e);
    }
  }
}
