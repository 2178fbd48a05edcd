package org.edgenas.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.ParamSpec.Role;
import org.edgenas.arch.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weights file format: frozen v1 bytes, label and shape checks, unknown versions refused. */
class WeightsFileTest {
  static final Path FROZEN = Path.of("src/test/resources/compress/frozen-v1.weights");
  static final List<ParamSpec> SPECS = List.of(
      new ParamSpec("c.weight", List.of(2, 1, 1, 1), Role.WEIGHT, 1),
      new ParamSpec("c.bn.weight", List.of(2), Role.BN_GAMMA, 0));
  static final Weights VALUES = new Weights(Map.of("c.weight", new float[] {0.5f, -1.25f}, "c.bn.weight", new float[] {1f, 3e-8f}));

  @Test
  void theFrozenVersionOneFileStillReadsAndIsStillWrittenByteForByte(@TempDir Path dir) throws IOException {
    Weights w = WeightsFile.read(FROZEN, "frozen", SPECS);
    assertArrayEquals(new float[] {0.5f, -1.25f}, w.get("c.weight"));
    assertArrayEquals(new float[] {1f, 3e-8f}, w.get("c.bn.weight"));
    Path again = dir.resolve("again.weights");
    WeightsFile.write(again, "frozen", SPECS, VALUES);
    assertArrayEquals(Files.readAllBytes(FROZEN), Files.readAllBytes(again));
  }

  @Test
  void aFileForAnotherParentOrAnotherShapeIsRefused() {
    assertTrue(assertThrows(CorruptWeightsException.class, () -> WeightsFile.read(FROZEN, "other", SPECS)).getMessage().contains("expected 'other'"));
    List<ParamSpec> wider = List.of(new ParamSpec("c.weight", List.of(2, 2, 1, 1), Role.WEIGHT, 2), SPECS.get(1));
    String m = assertThrows(CorruptWeightsException.class, () -> WeightsFile.read(FROZEN, "frozen", wider)).getMessage();
    assertTrue(m.contains("c.weight[2, 2, 1, 1]"), m);
  }

  @Test
  void anUnknownVersionIsRefusedByName(@TempDir Path dir) throws IOException {
    byte[] b = Files.readAllBytes(FROZEN);
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int versionAt = 4 + WeightsFile.FORMAT.length();
    buf.putInt(versionAt, 2);
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 8);
    buf.putLong(b.length - 8, crc.getValue());
    Path file = dir.resolve("v2.weights");
    Files.write(file, b);
    String m = assertThrows(CorruptWeightsException.class, () -> WeightsFile.read(file, "frozen", SPECS)).getMessage();
    assertTrue(m.contains("version 2 is not supported"), m);
  }
}
