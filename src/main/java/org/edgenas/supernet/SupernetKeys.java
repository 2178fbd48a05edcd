package org.edgenas.supernet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.edgenas.common.BadInputException;

/** The space hash a supernet file records: 16 hex digits of SHA-256 over the space file's bytes. */
public final class SupernetKeys {
  private SupernetKeys() {}

  public static String spaceHash(Path space) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(space)), 0, 8);
    } catch (IOException e) {
      throw new BadInputException(space + ": cannot read the space file (" + e.getMessage() + ")", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
