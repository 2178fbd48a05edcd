package org.edgenas.device;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.edgenas.common.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content-addressed file cache in a device's work directory: {@code workdir/cache/<sha256>.<ext>}.
 * A file is written under a temporary {@code .part-} name and renamed when complete, so an
 * interrupted upload never leaves a cache entry; {@link #clean} sweeps the leftovers.
 */
public final class RemoteCache {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteCache.class);
  static final String PART_PREFIX = ".part-";

  /** What {@link #clean} removed and what it kept. */
  public record CleanReport(int partialFilesRemoved, int entriesRemoved, long bytesFreed, long bytesKept) {}

  private final SshTransport ssh;
  private String workdir;

  RemoteCache(SshTransport ssh) {
    this.ssh = ssh;
  }

  synchronized String workdir() {
    if (workdir == null) {
      ChannelSftp sftp = ssh.openSftp();
      try {
        String w = ssh.device().workdir();
        String home = w.equals("~") || w.startsWith("~/") ? sftp.getHome() : null;
        workdir = home == null ? w : w.equals("~") ? home : home + w.substring(1);
      } catch (SftpException e) {
        throw failure("cannot find the home directory", e);
      } finally {
        sftp.disconnect();
      }
    }
    return workdir;
  }

  String cacheDir() {
    return workdir() + "/cache";
  }

  UploadResult upload(Path local, Duration timeout) {
    String sha = Sha256.hex(local);
    long size = size(local);
    String target = cacheDir() + "/" + sha + "." + extension(local);
    ChannelSftp sftp = ssh.openSftp();
    Thread watchdog = Thread.ofVirtual().start(() -> disconnectAfter(sftp, timeout));
    try {
      SftpATTRS existing = statOrNull(sftp, target);
      if (existing != null && existing.getSize() == size) {
        sftp.setMtime(target, (int) (System.currentTimeMillis() / 1000)); // most recently used
        return new UploadResult(target, sha, size, false);
      }
      mkdirs(sftp, cacheDir());
      String part = cacheDir() + "/" + PART_PREFIX + sha + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
      try (InputStream in = Files.newInputStream(local)) {
        sftp.put(in, part);
      }
      long written = sftp.stat(part).getSize();
      if (written != size) {
        sftp.rm(part);
        throw failure("upload of " + local.getFileName() + " wrote " + written + " of " + size + " bytes", null);
      }
      try {
        sftp.rename(part, target);
      } catch (SftpException e) {
        if (statOrNull(sftp, target) == null) throw e; // someone else finished the same file first
        sftp.rm(part);
      }
      LOG.debug("device {}: uploaded {} bytes as {}", ssh.device().name(), size, target);
      return new UploadResult(target, sha, size, true);
    } catch (SftpException | IOException e) {
      throw failure("upload of " + local.getFileName() + " failed" + (sftp.isConnected() ? "" : " (connection lost)"), e);
    } finally {
      watchdog.interrupt();
      sftp.disconnect();
    }
  }

  CleanReport clean(long maxCacheBytes) {
    ChannelSftp sftp = ssh.openSftp();
    try {
      if (statOrNull(sftp, cacheDir()) == null) return new CleanReport(0, 0, 0, 0);
      List<ChannelSftp.LsEntry> entries = new ArrayList<>();
      for (Object o : sftp.ls(cacheDir())) {
        ChannelSftp.LsEntry e = (ChannelSftp.LsEntry) o;
        if (!e.getAttrs().isDir() && !e.getAttrs().isLink()) entries.add(e);
      }
      int parts = 0;
      int removed = 0;
      long freed = 0;
      long kept = 0;
      List<ChannelSftp.LsEntry> complete = new ArrayList<>();
      for (ChannelSftp.LsEntry e : entries) {
        if (e.getFilename().startsWith(PART_PREFIX)) {
          sftp.rm(cacheDir() + "/" + e.getFilename());
          parts++;
          freed += e.getAttrs().getSize();
        } else {
          complete.add(e);
          kept += e.getAttrs().getSize();
        }
      }
      complete.sort((a, b) -> Integer.compare(a.getAttrs().getMTime(), b.getAttrs().getMTime()));
      for (ChannelSftp.LsEntry e : complete) {
        if (kept <= maxCacheBytes) break;
        sftp.rm(cacheDir() + "/" + e.getFilename());
        removed++;
        kept -= e.getAttrs().getSize();
        freed += e.getAttrs().getSize();
      }
      return new CleanReport(parts, removed, freed, kept);
    } catch (SftpException e) {
      throw failure("cleaning " + cacheDir() + " failed", e);
    } finally {
      sftp.disconnect();
    }
  }

  private DeviceException failure(String message, Exception cause) {
    String detail = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    return new DeviceException(ssh.device().name(), message + detail, cause);
  }

  private static void disconnectAfter(ChannelSftp sftp, Duration timeout) {
    try {
      Thread.sleep(timeout);
      sftp.disconnect();
    } catch (InterruptedException done) {
      // finished in time
    }
  }

  private static SftpATTRS statOrNull(ChannelSftp sftp, String path) throws SftpException {
    try {
      return sftp.stat(path);
    } catch (SftpException e) {
      if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) return null;
      throw e;
    }
  }

  private static void mkdirs(ChannelSftp sftp, String dir) throws SftpException {
    StringBuilder path = new StringBuilder(dir.startsWith("/") ? "" : ".");
    for (String part : dir.split("/")) {
      if (part.isEmpty()) continue;
      path.append('/').append(part);
      if (statOrNull(sftp, path.toString()) == null) sftp.mkdir(path.toString());
    }
  }

  /** The file's extension in lower case (letters and digits only), or "bin". */
  static String extension(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    String ext = dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    return ext.matches("[a-z0-9]{1,12}") ? ext : "bin";
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
