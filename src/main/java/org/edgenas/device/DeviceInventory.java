package org.edgenas.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.BadInputException;

/**
 * The device folder ({@code devices/}): one {@code NAME.yaml} per device. Files ending in
 * {@code .sample} are examples and never loaded.
 */
public final class DeviceInventory {
  private final Path dir;

  public DeviceInventory(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Every device, sorted by name; a missing folder holds none. Any bad file fails the whole load. */
  public List<Device> all() {
    if (!Files.isDirectory(dir)) return List.of();
    List<Device> devices = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(DeviceInventory::isDeviceFile).sorted().toList()) {
        devices.add(load(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return List.copyOf(devices);
  }

  /** The device called {@code name}; BadInputException naming the known devices otherwise. */
  public Device get(String name) {
    if (!Device.NAME.matcher(name).matches()) {
      throw new BadInputException("device name must match " + Device.NAME.pattern() + ", was '" + name + "'");
    }
    Path file = fileOf(name);
    if (!Files.isRegularFile(file)) {
      List<String> known = all().stream().map(Device::name).toList();
      throw new BadInputException("no device '" + name + "': " + file + " does not exist (known devices: "
          + (known.isEmpty() ? "none; add one with edgenas devices add" : String.join(", ", known)) + ")");
    }
    return load(file);
  }

  /** Loads and validates one device file. */
  public static Device load(Path file) {
    try {
      return DeviceYaml.parse(Files.readString(file, StandardCharsets.UTF_8), file);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Writes {@code device} atomically to {@code NAME.yaml} and returns the file. */
  public Path save(Device device) {
    Path file = fileOf(device.name());
    AtomicFiles.writeString(file, DeviceYaml.write(device));
    return file;
  }

  public Path fileOf(String name) {
    return dir.resolve(name + ".yaml");
  }

  private static boolean isDeviceFile(Path f) {
    String n = f.getFileName().toString();
    return Files.isRegularFile(f) && !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"));
  }
}
