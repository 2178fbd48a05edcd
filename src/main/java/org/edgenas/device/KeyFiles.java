package org.edgenas.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.edgenas.common.BadInputException;

/** Private key files: {@code ~/} expansion and the permission check OpenSSH also makes. */
public final class KeyFiles {
  private KeyFiles() {}

  /** The path {@code written} in a device file, with a leading {@code ~/} expanded. */
  public static Path resolve(String written) {
    if (written.equals("~")) return Path.of(System.getProperty("user.home"));
    if (written.startsWith("~/")) return Path.of(System.getProperty("user.home"), written.substring(2));
    return Path.of(written);
  }

  /**
   * The readable private key file for {@code written}; refuses a missing file and one that group or
   * others may read (the message says which mode it has and how to fix it).
   */
  public static Path requirePrivate(String written) {
    Path file = resolve(written);
    if (!Files.isRegularFile(file)) {
      throw new BadInputException("key file " + written + " does not exist or is not a file");
    }
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return file; // not a POSIX file system: nothing to check
    } catch (IOException e) {
      throw new BadInputException("key file " + written + " cannot be read: " + e.getMessage(), e);
    }
    boolean loose = perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
        || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE);
    if (loose) {
      throw new BadInputException(String.format(
          "key file %s has permissions %04o; must not be readable by group or others (chmod 600)",
          written, mode(perms)));
    }
    return file;
  }

  static int mode(Set<PosixFilePermission> perms) {
    int m = 0;
    for (PosixFilePermission p : perms) m |= 1 << (8 - p.ordinal());
    return m;
  }
}
