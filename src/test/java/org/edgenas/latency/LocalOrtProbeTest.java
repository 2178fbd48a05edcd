package org.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.edgenas.latency.MeasurementProtocol.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOrtProbeTest {
  @TempDir Path dir;

  private static final MeasurementProtocol QUICK = new MeasurementProtocol(3, 0.05, 12, 1, 10.0, 0);

  @Test
  void measuresATinyRealModel() {
    Path model = TinyOnnxModels.write(dir, "tiny.onnx", TinyOnnxModels.tinyImageModel());
    LatencyMeasurement m = new LocalOrtProbe(QUICK).measure(model);
    assertEquals("tiny.onnx", m.model());
    assertEquals("images", m.inputName());
    assertEquals(List.of(1L, 3L, 32L, 32L), m.inputShape());
    assertEquals(12, m.timesMs().size());
    assertEquals(12, m.stats().n());
    assertTrue(m.timesMs().stream().allMatch(t -> t > 0), () -> "times " + m.timesMs());
    assertTrue(m.stats().minMs() > 0 && m.stats().medianMs() >= m.stats().minMs());
    assertEquals(m.stats(), LatencyStats.of(m.timesMs()), "stats are those of the reported raw times");
    assertEquals(QUICK, m.protocol());
    assertEquals(0, m.retries());
    assertTrue(m.method().contains("1 thread,"), m.method());
    assertTrue(m.method().startsWith("onnxruntime-java 1.29.0 CPU"), m.method());
    assertTrue(m.method().contains("12 timed runs after 3 warm-up/≥0.05s"), m.method());
    assertEquals("1.29.0", m.fingerprint().ortVersion());
    assertEquals(1, m.fingerprint().threads());
  }

  @Test
  void methodAndFingerprintCarryTheThreadCount() {
    Path model = TinyOnnxModels.write(dir, "tiny.onnx", TinyOnnxModels.convSigmoid(16, 4, 1));
    MeasurementProtocol twoThreads = QUICK.with(Field.INTRA_OP_THREADS, 2).with(Field.REPEATS, 5);
    LatencyMeasurement m = new LocalOrtProbe(twoThreads).measure(model);
    assertTrue(m.method().contains("2 threads"), m.method());
    assertEquals(2, m.fingerprint().threads());
    assertEquals(5, m.timesMs().size());
    assertEquals(m.fingerprint().cores() < 2, m.flags().contains(LatencyMeasurement.OVERSUBSCRIBED));
  }

  @Test
  void nonImageInputIsBadInputNamingTheInputAndItsShape() {
    Path model = TinyOnnxModels.write(dir, "vector.onnx", TinyOnnxModels.vectorModel());
    String message = assertThrows(BadInputException.class, () -> new LocalOrtProbe(QUICK).measure(model)).getMessage();
    assertEquals(model + ": input 'x' must be a float image tensor [1,3,H,W], was [1,10]", message);
  }

  @Test
  void garbageFileIsNotAValidOnnxModel() throws Exception {
    Path model = Files.writeString(dir.resolve("junk.onnx"), "this is not a protobuf");
    String message = assertThrows(BadInputException.class, () -> new LocalOrtProbe(QUICK).measure(model)).getMessage();
    assertTrue(message.startsWith(model + ": not a valid ONNX model ("), message);
  }

  @Test
  void missingFileIsBadInput() {
    Path model = dir.resolve("absent.onnx");
    String message = assertThrows(BadInputException.class, () -> new LocalOrtProbe(QUICK).measure(model)).getMessage();
    assertEquals(model + ": no such file (expected an ONNX model)", message);
  }
}
