package org.edgenas.cli;

import static org.edgenas.cli.MainTest.runCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.Json;
import org.edgenas.latency.TinyOnnxModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @TempDir Path dir;

  private static final String[] QUICK = {"--threads", "1", "--warmup", "2", "--warmup-seconds", "0", "--repeats", "8"};

  private String[] bench(int expected, String... args) {
    String[] all = new String[args.length + QUICK.length + 1];
    all[0] = "bench";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(QUICK, 0, all, 1 + args.length, QUICK.length);
    return runCapture(expected, all);
  }

  @Test
  void humanTableShowsModelInputMethodMachineAndStatistics() {
    Path model = TinyOnnxModels.write(dir, "tiny.onnx", TinyOnnxModels.tinyImageModel());
    String out = bench(0, model.toString())[0];
    assertTrue(out.contains("tiny.onnx"), out);
    assertTrue(out.contains("images float [1,3,32,32]"), out);
    assertTrue(out.contains("1 thread, 8 timed runs after 2 warm-up/≥0s"), out);
    assertTrue(out.contains("median ms") && out.contains("p99 ms") && out.contains("cv"), out);
    assertTrue(out.contains("governor"), out);
    assertTrue(out.matches("(?s).*\\n\\s+8\\s+\\d+\\.\\d{3}\\s.*"), "n=8 then ms to 3 decimals:\n" + out);
  }

  @Test
  void jsonIsOneObjectWithStatsTimesAndFingerprint() throws Exception {
    Path model = TinyOnnxModels.write(dir, "tiny.onnx", TinyOnnxModels.tinyImageModel());
    JsonNode node = Json.mapper().readTree(bench(0, model.toString(), "--json")[0]);
    assertEquals(8, node.get("stats").get("n").asInt());
    assertEquals(8, node.get("times_ms").size());
    assertTrue(node.get("stats").get("median_ms").asDouble() > 0);
    assertEquals(1, node.get("fingerprint").get("threads").asInt());
    assertEquals(8, node.get("protocol").get("repeats").asInt());
  }

  @Test
  void missingFileExitsTwoWithOneSentence() {
    String err = bench(2, dir.resolve("absent.onnx").toString())[1];
    assertEquals("edgenas: " + dir.resolve("absent.onnx") + ": no such file (expected an ONNX model)", err.strip());
  }

  @Test
  void nonOnnxFileExitsTwo() throws Exception {
    Path junk = Files.writeString(dir.resolve("x.onnx"), "not onnx at all");
    String err = bench(2, junk.toString())[1];
    assertTrue(err.startsWith("edgenas: " + junk + ": not a valid ONNX model ("), err);
    assertEquals(1, err.strip().lines().count(), err);
  }

  @Test
  void nonImageModelExitsTwo() {
    Path model = TinyOnnxModels.write(dir, "model.onnx", TinyOnnxModels.vectorModel());
    String err = bench(2, model.toString())[1];
    assertEquals("edgenas: " + model + ": input 'x' must be a float image tensor [1,3,H,W], was [1,10]", err.strip());
  }

  @Test
  void outOfRangeOptionExitsTwo() {
    Path model = TinyOnnxModels.write(dir, "tiny.onnx", TinyOnnxModels.tinyImageModel());
    String err = runCapture(2, "bench", model.toString(), "--repeats", "1")[1];
    assertEquals("edgenas: option --repeats: repeats must be an integer 2..1000000, was 1", err.strip());
  }
}
