package org.edgenas.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.edgenas.common.BadInputException;
import org.edgenas.device.Device;
import org.edgenas.device.DeviceException;
import org.edgenas.device.DeviceFingerprint;
import org.edgenas.device.DeviceInventory;
import org.edgenas.device.DeviceProbe;
import org.edgenas.device.SshTransport;
import org.edgenas.device.tools.DeviceOutputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgenas devices check [NAME...]}: connects to each device and prints its fingerprint. A
 * device that fails gets one sentence; the others are still checked; the exit code is then 1.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Connect to devices and print what they are and run (all devices when none is named).")
public final class DevicesCheckCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Mixin DevicesCommand.DirOption dir;
  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Devices to check.")
  List<String> names = new ArrayList<>();
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DeviceInventory inventory = new DeviceInventory(dir.dir);
    List<Device> devices = names.isEmpty() ? inventory.all() : names.stream().map(inventory::get).toList();
    if (devices.isEmpty()) throw new BadInputException("no devices in " + dir.dir + " to check");
    int failed = 0;
    for (Device d : devices) {
      try (SshTransport ssh = new SshTransport(d)) {
        DeviceFingerprint fp = DeviceProbe.run(ssh, Duration.ofSeconds(60));
        out.println(d.name() + " (" + d.address() + ")");
        out.print(fp.describe());
        for (String problem : fp.problems()) out.println("  problem:       " + problem);
        if (!fp.problems().isEmpty()) failed++;
      } catch (DeviceException | DeviceOutputException | BadInputException e) {
        failed++;
        String msg = e.getMessage();
        err.println(msg.startsWith("device ") ? msg : "device " + d.name() + ": " + msg);
        if (verbose.verbose) e.printStackTrace(err);
      }
      out.flush();
      err.flush();
    }
    return failed == 0 ? Main.OK : Main.FAILURE;
  }
}
