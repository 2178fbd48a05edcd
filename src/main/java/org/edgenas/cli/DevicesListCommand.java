package org.edgenas.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.edgenas.device.Device;
import org.edgenas.device.DeviceInventory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code edgenas devices list}: one line per device file. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered devices.")
public final class DevicesListCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Mixin DevicesCommand.DirOption dir;
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Device> devices = new DeviceInventory(dir.dir).all();
    if (devices.isEmpty()) {
      out.println("no devices in " + dir.dir + " (add one with: edgenas devices add NAME --host H --user U --key K)");
      return Main.OK;
    }
    out.printf("%-16s %-32s %-20s %s%n", "NAME", "ADDRESS", "RUNTIME", "HOST KEY");
    for (Device d : devices) {
      out.printf("%-16s %-32s %-20s %s%n", d.name(), d.address(), d.runtime().id(), d.hostKey().fingerprint());
    }
    return Main.OK;
  }
}
