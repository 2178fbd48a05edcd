package org.edgenas.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceYamlTest {
  static final String KEY_LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDLcNUF41RgkJ/H7UmUu2i1lEDUQRW9gEqyF1HzLVEqF";
  /** As {@code ssh-keygen -lf} printed it for KEY_LINE. */
  static final String FINGERPRINT = "SHA256:9CMZfKjiLe9XS7dGItBrkQaWcGMJXV+wll4bqEzwwiY";
  static final String VALID = """
      schema: 1
      name: pi5
      host: 192.168.1.50
      user: pi
      key: ~/.ssh/edgenas_pi5
      host_key: %s
      runtime: onnxruntime-python
      threads: 4
      cooldown_s: 10
      timeouts:
        command_s: 120
      """.formatted(KEY_LINE);

  @TempDir Path dir;

  Device parse(String text) {
    return DeviceYaml.parse(text, Path.of("devices/pi5.yaml"));
  }

  String error(String text) {
    return assertThrows(BadInputException.class, () -> parse(text)).getMessage();
  }

  @Test
  void fingerprintIsTheOneOpenSshPrints() {
    assertEquals(FINGERPRINT, PinnedHostKey.parse(KEY_LINE + " comment").fingerprint());
    assertEquals("ssh-ed25519", PinnedHostKey.parse(KEY_LINE).keyType());
  }

  @Test
  void validFileWithDefaults() {
    Device d = parse(VALID);
    assertEquals("pi5", d.name());
    assertEquals(22, d.port());
    assertEquals(DeviceRuntime.ONNXRUNTIME_PYTHON, d.runtime());
    assertEquals("~/.edgenas", d.workdir());
    assertEquals(FINGERPRINT, d.hostKey().fingerprint());
    assertEquals(Duration.ofSeconds(120), d.timeouts().command());
    assertEquals(DeviceTimeouts.DEFAULT.connect(), d.timeouts().connect());
    assertEquals(10, d.cooldownSeconds());
  }

  @Test
  void writtenFilesReadBackEqual() {
    Device d = parse(VALID);
    assertEquals(d, parse(DeviceYaml.write(d)));
    Device byFingerprint = parse(VALID.replace(KEY_LINE, FINGERPRINT));
    assertEquals(byFingerprint, parse(DeviceYaml.write(byFingerprint)));
  }

  @Test
  void errorsNameFileLineAndField() {
    assertEquals("devices/pi5.yaml:1: schema must be 1 (the only version this edgenas reads), was 2",
        error(VALID.replace("schema: 1", "schema: 2")));
    assertEquals("devices/pi5.yaml:7: runtime must be one of trtexec | onnxruntime-python | edgenas-agent,"
        + " was 'tensorflow'", error(VALID.replace("onnxruntime-python", "tensorflow")));
    assertEquals("devices/pi5.yaml:4: port must be 1..65535, was 70000",
        error(VALID.replace("host: 192.168.1.50\n", "host: 192.168.1.50\nport: 70000\n")));
    assertEquals("devices/pi5.yaml:12: unknown key 'timeouts.exec_s'; allowed: connect_s, command_s, upload_s",
        error(VALID + "  exec_s: 3\n"));
    assertEquals("devices/pi5.yaml:2: name must equal the file name 'pi5', was 'pi4'", error(VALID.replace("name: pi5", "name: pi4")));
    assertEquals("devices/pi5.yaml:1: missing field 'host_key' (see devices/README.md)",
        error(VALID.replace("host_key: " + KEY_LINE + "\n", "")));
    assertEquals("devices/pi5.yaml:8: threads must be a whole number, was 'four'", error(VALID.replace("threads: 4", "threads: four")));
  }

  @Test
  void keyContentInsteadOfAPathIsRefused() {
    String pem = VALID.replace("key: ~/.ssh/edgenas_pi5",
        "key: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n  -----END OPENSSH PRIVATE KEY-----");
    assertEquals("devices/pi5.yaml:5: key must be the path of a private key file, not the key itself"
        + " (never put secrets in device files)", error(pem));
    String base64 = VALID.replace("~/.ssh/edgenas_pi5", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUx");
    assertEquals("devices/pi5.yaml:5: key must be the path of a private key file, not the key itself"
        + " (never put secrets in device files)", error(base64));
  }

  @Test
  void badHostKeyIsRefused() {
    assertEquals("devices/pi5.yaml:6: host_key must be a public key line 'ssh-ed25519 AAAA...' or a fingerprint"
        + " 'SHA256:...', was 'yes'", error(VALID.replace(KEY_LINE, "yes")));
    assertEquals("devices/pi5.yaml:6: host_key says type ssh-rsa but its blob holds a key of type 'ssh-ed25519'",
        error(VALID.replace("ssh-ed25519 AAAA", "ssh-rsa AAAA")));
  }

  @Test
  void inventoryLoadsYamlFilesButNotSamples() throws Exception {
    Files.writeString(dir.resolve("pi5.yaml"), VALID);
    Files.writeString(dir.resolve("example-pi5.yaml.sample"), "schema: 99\n");
    DeviceInventory inventory = new DeviceInventory(dir);
    assertEquals(List.of("pi5"), inventory.all().stream().map(Device::name).toList());
    assertEquals(dir.resolve("pi5.yaml"), inventory.get("pi5").source());
    assertEquals("no device 'jetson': " + dir.resolve("jetson.yaml") + " does not exist (known devices: pi5)",
        assertThrows(BadInputException.class, () -> inventory.get("jetson")).getMessage());
  }

  @Test
  void theShippedSampleIsAValidDeviceFile() throws Exception {
    Path sample = Path.of("devices/example-pi5.yaml.sample");
    Device d = DeviceYaml.parse(Files.readString(sample), Path.of("devices/example-pi5.yaml"));
    assertEquals("example-pi5", d.name());
  }
}
