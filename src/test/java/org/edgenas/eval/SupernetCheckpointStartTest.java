package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.checkpoint.Checkpoint;
import org.edgenas.checkpoint.CheckpointImport;
import org.edgenas.checkpoint.WeightInheritance;
import org.edgenas.common.BadInputException;
import org.edgenas.compress.Importance;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.supernet.PathSlices;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SharedWeights;
import org.edgenas.supernet.SupernetSpace;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.SupernetSettings;
import org.edgenas.train.supernet.SupernetInheritance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supernet trained under a profile with {@code init:} starts from the checkpoint where its paths
 * match the checkpoint's reference (tensors a candidate needs later as well), and its file records
 * the checkpoint: a supernet of another checkpoint, or of none, is refused.
 */
class SupernetCheckpointStartTest {
  private static final Path STAND_IN = Path.of("src/test/resources/ultralytics-onnx/yolo11n.onnx");

  @Test
  void theLargestPathOfAYolo11nSpaceHoldsTheCheckpointsWeightsAtStepZero() {
    SearchSpace variants = SpaceLoader.load(Path.of("bench/checkpoint-init/yolo11n-variants.yaml"), 80);
    SupernetSpace space = SupernetSpace.of(variants, 80);
    SearchSpace refSpace = SpaceLoader.load(Path.of("spaces/reference/yolo11n.yaml"));
    Architecture reference = refSpace.freeze(refSpace.defaultPicks());
    Checkpoint ckpt = OnnxCheckpointReader.read(STAND_IN);
    Supernets.Start start = Supernets.start(space, 64, Importance.ORDER, 0, WeightInheritance.through(ckpt, reference, 80));

    // the largest path with down1 a Conv is yolo11n itself: every parameter the checkpoint's
    int[] picks = space.largestOfEveryKind().getFirst();
    Architecture largest = space.path(picks);
    assertEquals(BlockKind.CONV, largest.layers().get(largest.indexOf("down1")).kind());
    PathSlices slices = PathSlices.of(space, largest, 64, start.shared(), Importance.ORDER, 0);
    assertEquals(0, slices.grew(), "the start made every tensor of the largest path at its widest");
    Weights got = start.shared().extract(slices);
    Network refNet = reference.lower(64);
    Weights expected = CheckpointImport.fit(ckpt, refNet, Weights.init(refNet, 0)).weights();
    int compared = 0;
    for (ParamSpec p : ParamSpec.of(slices.network())) {
      assertArrayEquals(expected.get(p.name()), got.get(p.name()), p.name());
      compared++;
    }
    assertEquals(ParamSpec.of(refNet).size(), compared);
    // the ADown of down1 (another kind than the reference's) has its own tensors, not the checkpoint's
    assertTrue(start.shared().tensors().keySet().stream().anyMatch(k -> k.startsWith("ADown:down1.")), start.shared().tensors().keySet().toString());
    var adown = start.shared().tensors().entrySet().stream()
        .filter(e -> e.getKey().startsWith("ADown:down1.") && e.getValue().role() == ParamSpec.Role.WEIGHT).toList();
    assertTrue(!adown.isEmpty());
    for (var a : adown) {
      assertTrue(expected.values().values().stream().noneMatch(v -> java.util.Arrays.equals(v, a.getValue().values())), a.getKey() + " is fresh");
    }
    // the record: every checkpoint tensor transferred (nc 80 as the checkpoint), and the header's
    assertEquals(ckpt.tensors().size(), start.record().total(), start.record().summary());
    assertEquals(start.record().total(), start.record().transferred().size(), start.record().summary());
    assertTrue(start.record().summary().startsWith("transferred " + ckpt.tensors().size() + "/" + ckpt.tensors().size()
        + " tensors from yolo11n.onnx (sha256 " + ckpt.sha256().substring(0, 12)), start.record().summary());
    assertEquals(new org.edgenas.supernet.SupernetHeader.Init("yolo11n.onnx", ckpt.sha256(), ckpt.tensors().size(), ckpt.tensors().size()),
        start.init());
    // the narrower scale t takes a slice of the same tensors: p5's leading filters and inputs are the checkpoint's
    int scale = 0;
    while (!variants.choices().get(scale).label().equals("scale")) scale++;
    int[] narrow = picks.clone();
    narrow[scale] = variants.choices().get(scale).options().indexOf("t");
    PathSlices t = PathSlices.of(space, space.path(narrow), 64, start.shared(), Importance.ORDER, 0);
    assertEquals(0, t.grew());
    java.util.List<Integer> narrowShape = shape(t.network(), "p5.weight"), wideShape = shape(refNet, "p5.weight");
    assertTrue(narrowShape.get(0) < wideShape.get(0) && narrowShape.get(1) < wideShape.get(1), narrowShape + " in " + wideShape);
    float[] p5 = start.shared().extract(t).get("p5.weight"), refP5 = expected.get("p5.weight");
    int kk = narrowShape.get(2) * narrowShape.get(3);
    for (int o = 0; o < narrowShape.get(0); o++) {
      for (int i = 0; i < narrowShape.get(1); i++) {
        for (int j = 0; j < kk; j++) {
          assertEquals(refP5[(o * wideShape.get(1) + i) * kk + j], p5[(o * narrowShape.get(1) + i) * kk + j], "p5 [" + o + "," + i + "]");
        }
      }
    }
  }

  @Test
  void aSupernetRecordsItsCheckpointAndOneOfAnotherCheckpointOrNoneIsRefused(@TempDir Path tmp) throws Exception {
    Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 8, 64, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    Path spaceFile = Path.of("spaces/tiny.yaml");
    SearchSpace tiny = SpaceLoader.load(spaceFile, 4);
    // a checkpoint edgenas exported of tiny's default member, which is the reference
    Files.createDirectories(tmp.resolve("spaces/reference"));
    Files.copy(spaceFile, tmp.resolve("spaces/reference/tiny.yaml"));
    Network refNet = tiny.freeze(tiny.defaultPicks()).lower(64);
    Files.write(tmp.resolve("ref.onnx"), OnnxExporter.export(refNet, Weights.init(refNet, 9), ExportOptions.defaults().withBits(32)));
    Files.write(tmp.resolve("other.onnx"), OnnxExporter.export(refNet, Weights.init(refNet, 10), ExportOptions.defaults().withBits(32)));
    EvaluatorProfile plain = profile(tmp, "plain", "");
    EvaluatorProfile init = profile(tmp, "init", "init: ../ref.onnx\n");
    EvaluatorProfile other = profile(tmp, "other", "init: ../other.onnx\n");
    Supernets.Task task = new Supernets.Task(spaceFile, tiny, yaml, ds, 64);

    StringWriter log = new StringWriter();
    Path fromCkpt = tmp.resolve("ckpt/supernet.bin");
    SupernetFile.Loaded trained = Supernets.trainOrResume(task, init, 1, fromCkpt, p -> {}, new PrintWriter(log));
    assertTrue(log.toString().matches("(?s).*supernet init: transferred \\d+/\\d+ tensors from ref\\.onnx \\(sha256 .*"), log.toString());
    assertEquals(init.init().sha256(), SupernetFile.header(fromCkpt).init().sha256());
    assertTrue(trained.header().init().transferred() > 0, trained.header().toString());
    assertNotEquals(TrainingKeys.profileHash(plain, 64), trained.header().profileHash());
    assertEquals(1, Supernets.reuse(task, fromCkpt, init.init()).header().step(), "the same checkpoint: reused");

    Path fresh = tmp.resolve("fresh/supernet.bin");
    Supernets.trainOrResume(task, plain, 1, fresh, p -> {}, new PrintWriter(new StringWriter()));
    assertEquals(null, SupernetFile.header(fresh).init());
    // a header written before init was recorded (no such field) reads as started from fresh weights
    String json = org.edgenas.common.Json.line(SupernetFile.header(fresh));
    String older = json.replaceAll(",?\"init\":null,?", json.contains(",\"init\":null,") ? "," : "");
    assertTrue(!older.contains("init") && older.contains("\"step\":1"), older);
    assertEquals(SupernetFile.header(fresh), org.edgenas.common.Json.mapper().readValue(older, org.edgenas.supernet.SupernetHeader.class));

    var e = assertThrows(BadInputException.class, () -> Supernets.reuse(task, fresh, init.init()));
    assertEquals(fresh + ": the supernet was trained for another task (init: started from fresh weights, the profile asks for an init:"
        + " checkpoint of sha256 " + init.init().sha256().substring(0, 16) + "…)", e.getMessage());
    e = assertThrows(BadInputException.class, () -> Supernets.reuse(task, fromCkpt, null));
    assertEquals(fromCkpt + ": the supernet was trained for another task (init: started from checkpoint ref.onnx (sha256 "
        + init.init().sha256().substring(0, 16) + "…), the profile asks for no init: checkpoint)", e.getMessage());
    e = assertThrows(BadInputException.class, () -> Supernets.reuse(task, fromCkpt, other.init()));
    assertTrue(e.getMessage().contains("init: started from checkpoint ref.onnx") && e.getMessage().contains(other.init().sha256().substring(0, 16)),
        e.getMessage());
    // continuing a training under another init: is refused as well, the file untouched
    byte[] before = Files.readAllBytes(fresh);
    assertThrows(BadInputException.class, () -> Supernets.trainOrResume(task, init, 2, fresh, p -> {}, new PrintWriter(new StringWriter())));
    assertArrayEquals(before, Files.readAllBytes(fresh));
  }

  @Test
  void aCandidateNeedingTensorsTheSupernetLacksTakesThemFromItsCheckpoint(@TempDir Path tmp) throws Exception {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4);
    SupernetSpace space = SupernetSpace.of(tiny, 4);
    Architecture reference = tiny.freeze(tiny.defaultPicks());
    Network refNet = reference.lower(64);
    Checkpoint ckpt = OnnxCheckpointReader.read(Files.write(tmp.resolve("ref.onnx"),
        OnnxExporter.export(refNet, Weights.init(refNet, 9), ExportOptions.defaults().withBits(32))));
    ProxySettings training = new ProxySettings("t", 64, 2, 0, 4, 0.002, 0.01, 0, 0.002, 0.9, 5e-4, true, 1.0, 1, 0,
        ProxySettings.Augment.NONE, ProxySettings.Optimizer.ADAMW);
    SupernetSettings noRecalibration = new SupernetSettings(1, 1, "order", 0, 0);
    // s2 at 16 channels in a supernet whose s2 tensors are 24 wide: the checkpoint's 16 in the slice it takes
    Architecture path = space.path(tiny.defaultPicks());
    SharedWeights shared = new SharedWeights();
    Weights got = new SupernetInheritance(space, shared, noRecalibration, training, () -> {
      throw new AssertionError("no batches without recalibration or fine-tune");
    }, Supernets.initial(WeightInheritance.through(ckpt, reference, 4))).inherit(path, p -> {}).weights();
    Weights expected = CheckpointImport.fit(ckpt, refNet, Weights.init(refNet, 0)).weights();
    for (ParamSpec p : ParamSpec.of(path.lower(64))) assertArrayEquals(expected.get(p.name()), got.get(p.name()), p.name());
    assertTrue(shared.tensors().entrySet().stream().anyMatch(e -> e.getKey().startsWith("C3k2:s2.") && e.getValue().shape()[0] == 24),
        "s2's tensors are 24 wide in the supernet: " + shared.tensors().keySet());
  }

  private static java.util.List<Integer> shape(Network net, String param) {
    return ParamSpec.of(net).stream().filter(p -> p.name().equals(param)).findFirst().orElseThrow().shape();
  }

  private static EvaluatorProfile profile(Path tmp, String name, String init) throws Exception {
    Path file = tmp.resolve("evaluators/" + name + ".yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, SupernetEstimateTest.PROFILE + init);
    return EvaluatorProfiles.load(file);
  }
}
