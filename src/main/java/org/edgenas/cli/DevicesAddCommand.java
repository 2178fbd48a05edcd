package org.edgenas.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.edgenas.common.BadInputException;
import org.edgenas.device.Device;
import org.edgenas.device.DeviceException;
import org.edgenas.device.DeviceInventory;
import org.edgenas.device.DeviceRuntime;
import org.edgenas.device.DeviceTimeouts;
import org.edgenas.device.HostKeyProbe;
import org.edgenas.device.KeyFiles;
import org.edgenas.device.PinnedHostKey;
import org.edgenas.device.SshTransport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgenas devices add NAME ...}: fetches the device's host key, shows its fingerprint and
 * writes {@code devices/NAME.yaml} pinning it only when the user confirms, the given
 * {@code --host-key-fingerprint} matches, or {@code --yes} says to trust the key offered now.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Register a device: fetch and pin its host key, then check the login.")
public final class DevicesAddCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Mixin DevicesCommand.DirOption dir;
  @Parameters(index = "0", paramLabel = "NAME", description = "Device name (the file becomes DIR/NAME.yaml).")
  String name;
  @Option(names = "--host", required = true, description = "Host name or address.") String host;
  @Option(names = "--user", required = true, description = "Login user.") String user;
  @Option(names = "--key", required = true, description = "Private key file (chmod 600).") String key;
  @Option(names = "--port", defaultValue = "22", description = "SSH port (default: ${DEFAULT-VALUE}).") int port;
  @Option(names = "--runtime", defaultValue = "edgenas-agent",
      description = "trtexec | onnxruntime-python | edgenas-agent (default: ${DEFAULT-VALUE}).") String runtime;
  @Option(names = "--workdir", defaultValue = Device.DEFAULT_WORKDIR, description = "Remote work dir.") String workdir;
  @Option(names = "--host-key-fingerprint", paramLabel = "SHA256:...",
      description = "The expected host key fingerprint (non-interactive).") String expectedFingerprint;
  @Option(names = "--yes", description = "Pin the key the device offers now without asking.") boolean yes;
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    DeviceRuntime rt;
    try {
      rt = DeviceRuntime.parse(runtime);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--runtime: " + e.getMessage());
    }
    KeyFiles.requirePrivate(key);
    DeviceInventory inventory = new DeviceInventory(dir.dir);
    Path file = inventory.fileOf(name);
    PinnedHostKey offered = HostKeyProbe.fetch(name, host, port, DeviceTimeouts.DEFAULT.connect());
    out.println("device " + name + ": " + host + ":" + port + " offers host key " + offered.keyType() + " "
        + offered.fingerprint());
    if (!confirmed(offered, out)) {
      out.println("nothing written");
      return Main.FAILURE;
    }
    Device device;
    try {
      device = new Device(name, host, port, user, key, offered, rt, 0, workdir, 0, DeviceTimeouts.DEFAULT, file);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    boolean replacing = Files.exists(file);
    inventory.save(device);
    out.println((replacing ? "updated " : "wrote ") + file);
    try (SshTransport ssh = new SshTransport(device)) {
      ssh.execOk(Duration.ofSeconds(30), "true");
      out.println("login as " + user + " works");
      return Main.OK;
    } catch (DeviceException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return Main.FAILURE;
    }
  }

  private boolean confirmed(PinnedHostKey offered, PrintWriter out) throws Exception {
    if (expectedFingerprint != null) {
      if (offered.fingerprint().equals(expectedFingerprint.strip())) return true;
      spec.commandLine().getErr().println("device " + name + ": host key " + offered.fingerprint()
          + " does not match the given " + expectedFingerprint.strip());
      return false;
    }
    if (yes) return true;
    out.print("Pin this host key for " + name + "? Compare it with the device's own"
        + " (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) [y/N] ");
    out.flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
  }
}
