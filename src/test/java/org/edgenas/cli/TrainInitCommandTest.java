package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.common.Json;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edgenas train ARCH --init FILE}: prints and records what it transferred (the class logits
 * of a 6-class checkpoint start fresh on a 4-class dataset), names the checkpoint (file and SHA-256)
 * in metrics.json and in the exported model's metadata; a checkpoint of another architecture is
 * one sentence and exit 2.
 */
class TrainInitCommandTest {
  @Test
  void trainingFromACheckpointRecordsIt(@TempDir Path tmp) throws Exception {
    Path data = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 8, 96, 1));
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 6);
    Network six = tiny.freeze(tiny.defaultPicks()).lower(64);
    Path ckpt = Files.write(tmp.resolve("six-classes.onnx"), OnnxExporter.export(six, Weights.init(six, 5), ExportOptions.defaults().withBits(32)));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(ckpt)));
    int tensors = (int) OnnxCheckpointReader.read(ckpt).tensors().keySet().stream().filter(n -> n.endsWith(".weight") || n.endsWith(".bias")).count();
    String out = MainTest.runCapture(0, "train", "spaces/tiny.yaml", "--data", data.toString(), "--profile", profile(tmp).toString(),
        "--init", ckpt.toString(), "--out", tmp.resolve("out").toString(), "--quiet")[0];
    assertTrue(out.contains("transferred " + (tensors - 6) + "/" + tensors + " tensors from six-classes.onnx"), out);
    JsonNode metrics = Json.mapper().readTree(tmp.resolve("out/metrics.json").toFile());
    assertEquals("six-classes.onnx", metrics.at("/init/file").asText());
    assertEquals(sha, metrics.at("/init/sha256").asText());
    assertEquals(tensors - 6, metrics.at("/init/transferred").asInt());
    assertEquals(6, metrics.at("/init/not_transferred").size());
    assertTrue(metrics.at("/method").asText().contains("initialised from six-classes.onnx (sha256 " + sha.substring(0, 16)), metrics.toString());
    String recorded = OnnxCheckpointReader.read(tmp.resolve("out/model.onnx")).metadata().get("edgenas.provenance.init");
    assertEquals("six-classes.onnx sha256:" + sha, recorded);
  }

  @Test
  void aCheckpointOfAnotherArchitectureIsOneSentenceAndExitTwo(@TempDir Path tmp) throws Exception {
    Path data = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 8, 4, 96, 1));
    Path v8 = Path.of("src/test/resources/ultralytics-onnx/yolov8n.onnx");
    String err = MainTest.runCapture(2, "train", "spaces/tiny.yaml", "--data", data.toString(), "--profile", profile(tmp).toString(),
        "--init", v8.toString(), "--out", tmp.resolve("out").toString(), "--quiet")[1];
    assertTrue(err.contains("yolov8n.onnx: ") && err.contains("tensor "), err);
    assertFalse(err.strip().contains("\n"), err);
  }

  @Test
  void aProfilesInitIsInheritedThroughTheReferenceItFits(@TempDir Path tmp) throws Exception {
    Path data = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 8, 4, 96, 1));
    Path arch = Files.writeString(tmp.resolve("arch.yaml"), Files.readString(Path.of("spaces/reference/yolo11n.yaml"))
        .replace("{name: b2, block: C3k2, repeats: 2, channels: 256, c3k: false, e: 0.25}", "{name: b2, block: DSConv, channels: 256}")
        .replace("{name: p4, block: Conv, channels: 512, k: 3, s: 2}", "{name: p4, block: Conv, channels: 384, k: 3, s: 2}"));
    Path ckpt = Files.copy(Path.of("src/test/resources/ultralytics-onnx/yolo11n.onnx"),
        Files.createDirectories(tmp.resolve("checkpoints")).resolve("yolo11n.onnx"));
    Path profile = Files.writeString(Files.createDirectories(tmp.resolve("evaluators")).resolve("p.yaml"),
        Files.readString(profile(tmp)).replace("steps: 4, batch: 4", "steps: 2, batch: 2") + "init: ../checkpoints/yolo11n.onnx\n");
    String out = MainTest.runCapture(0, "train", arch.toString(), "--data", data.toString(), "--profile", profile.toString(),
        "--out", tmp.resolve("out").toString(), "--quiet")[0];
    assertTrue(out.contains(" tensors from yolo11n.onnx"), out);
    JsonNode metrics = Json.mapper().readTree(tmp.resolve("out/metrics.json").toFile());
    JsonNode init = metrics.at("/init");
    assertEquals("yolo11n.onnx", init.at("/file").asText());
    java.util.List<String> fresh = new java.util.ArrayList<>();
    init.at("/fresh_layers").forEach(n -> fresh.add(n.asText()));
    assertTrue(fresh.contains("b2") && fresh.contains("detect") && !fresh.contains("p1"), fresh.toString());
    assertTrue(init.at("/sliced").toString().contains("model.5.conv.weight"), "p4 narrower: cut in importance order");
    assertTrue(init.at("/not_transferred").toString().contains("model.2.cv1.conv.weight"), init.toString());
    assertTrue(metrics.at("/method").asText().contains("inherited through reference yolo11n"), metrics.at("/method").asText());
  }

  @Test
  void aProfilesInitOfNoReferenceIsOneErrorNamingTheProfileAndEachReferencesFirstTensor(@TempDir Path tmp) throws Exception {
    Path data = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 8, 4, 96, 1));
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4);
    Network net = tiny.freeze(tiny.defaultPicks()).lower(64);
    Files.write(tmp.resolve("tiny.onnx"), OnnxExporter.export(net, Weights.init(net, 5), ExportOptions.defaults().withBits(32)));
    Path profile = Files.writeString(tmp.resolve("q.yaml"), Files.readString(profile(tmp)) + "init: tiny.onnx\n");
    String err = MainTest.runCapture(2, "train", "spaces/tiny.yaml", "--data", data.toString(), "--profile", profile.toString(),
        "--out", tmp.resolve("out").toString(), "--quiet")[1];
    assertTrue(err.contains(profile + ": init: ") && err.contains("tiny.onnx is a checkpoint of none of the reference architectures")
        && err.contains("yolo11n: ") && err.contains("tensor "), err);
    assertFalse(err.strip().contains("\n"), err);
  }

  private static Path profile(Path tmp) throws Exception {
    return Files.writeString(tmp.resolve("p.yaml"), "proxy: {imgsz: 64, steps: 4, batch: 4, seed: 0, lr0: 0.01, lrf: 0.01,"
        + " warmup_steps: 1, warmup_bias_lr: 0.1, momentum: 0.937, weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1}\n");
  }
}
