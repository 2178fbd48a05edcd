package org.edgenas.device;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One edge device from {@code devices/NAME.yaml}.
 *
 * @param name the file's stem, e.g. {@code pi5}
 * @param host DNS name or address
 * @param port SSH port, 1..65535
 * @param user login user
 * @param key path to the private key file as written (may start with {@code ~/}); never the key
 * @param hostKey the pinned host key
 * @param runtime how models are run there
 * @param threads intra-op threads for the runtime, 0 = the runtime's default
 * @param workdir remote work directory (may start with {@code ~/})
 * @param cooldownSeconds pause between two models, 0..3600
 * @param timeouts time limits
 * @param source the file it came from (for messages), or null when built in code
 * @param java the {@code java} command on the device for the edgenas agent (Java 25 or newer), default
 *     {@code java} from the device's PATH
 */
public record Device(
    String name,
    String host,
    int port,
    String user,
    String key,
    PinnedHostKey hostKey,
    DeviceRuntime runtime,
    int threads,
    String workdir,
    int cooldownSeconds,
    DeviceTimeouts timeouts,
    Path source,
    String java) {
  /** Allowed device names: letters, digits, '.', '_', '-', starting with a letter or digit. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  public static final String DEFAULT_WORKDIR = "~/.edgenas";
  public static final String DEFAULT_JAVA = "java";

  /** A device whose agent runs the {@code java} on the device's PATH. */
  public Device(String name, String host, int port, String user, String key, PinnedHostKey hostKey,
      DeviceRuntime runtime, int threads, String workdir, int cooldownSeconds, DeviceTimeouts timeouts, Path source) {
    this(name, host, port, user, key, hostKey, runtime, threads, workdir, cooldownSeconds, timeouts, source,
        DEFAULT_JAVA);
  }

  public Device {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must match " + NAME.pattern() + ", was '" + name + "'");
    }
    if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("host must be a host name or address without spaces, was '" + host + "'");
    }
    if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, was " + port);
    if (user == null || user.isBlank()) throw new IllegalArgumentException("user must not be empty");
    if (key == null || key.isBlank()) throw new IllegalArgumentException("key must be a private key file path");
    if (hostKey == null) throw new IllegalArgumentException("host_key is required (run edgenas devices add)");
    if (runtime == null) throw new IllegalArgumentException("runtime must be one of " + DeviceRuntime.allowed());
    if (threads < 0 || threads > 1024) throw new IllegalArgumentException("threads must be 0..1024, was " + threads);
    if (workdir == null || workdir.isBlank() || workdir.contains("'") || workdir.contains("\n")) {
      throw new IllegalArgumentException("workdir must be a path without quotes or newlines, was '" + workdir + "'");
    }
    if (cooldownSeconds < 0 || cooldownSeconds > 3600) {
      throw new IllegalArgumentException("cooldown_s must be 0..3600, was " + cooldownSeconds);
    }
    if (timeouts == null) timeouts = DeviceTimeouts.DEFAULT;
    if (java == null) java = DEFAULT_JAVA;
    if (java.isBlank() || java.contains("'") || java.contains("\n")) {
      throw new IllegalArgumentException("java must be a command or path without quotes or newlines, was '" + java + "'");
    }
  }

  /** This device with another {@code java} command for its agent. */
  public Device withJava(String command) {
    return new Device(name, host, port, user, key, hostKey, runtime, threads, workdir, cooldownSeconds, timeouts,
        source, command);
  }

  /** Where the device was described, for messages: the file, or "device NAME". */
  public String where() {
    return source != null ? source.toString() : "device " + name;
  }

  /** {@code user@host:port}, for messages. */
  public String address() {
    return user + "@" + host + ":" + port;
  }
}
