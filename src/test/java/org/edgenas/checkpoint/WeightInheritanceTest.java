package org.edgenas.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sampled search candidate inherits from the yolo11n stand-in: layers matching the reference by
 * name and kind take its weights (narrower ones the channels of largest importance, the next
 * layer's inputs following), the others keep their fresh values, and the record accounts for
 * every checkpoint tensor.
 */
class WeightInheritanceTest {
  private static final Path STAND_IN = CheckpointImportErrorsTest.STAND_INS.resolve("yolo11n.onnx");

  /** yolo11n with b2 of another kind, p4 and h16 narrower than the reference. */
  private static SearchSpace narrowedYolo11n(Path dir) throws Exception {
    String ref = Files.readString(Path.of("spaces/reference/yolo11n.yaml"));
    String space = ref
        .replace("{name: b2, block: C3k2, repeats: 2, channels: 256, c3k: false, e: 0.25}",
            "{name: b2, block: {choose: [GhostV3, DSConv]}, repeats: 2, channels: 256}")
        .replace("{name: p4, block: Conv, channels: 512, k: 3, s: 2}", "{name: p4, block: Conv, channels: {choose: [384, 448]}, k: 3, s: 2}")
        .replace("{name: h16, block: C3k2, repeats: 2, channels: 256, c3k: false}",
            "{name: h16, block: C3k2, repeats: 2, channels: {choose: [192, 224]}, c3k: false}");
    assertNotEquals(ref, space);
    Path file = Files.writeString(dir.resolve("narrowed.yaml"), space);
    return SpaceLoader.load(file, 80);
  }

  private static Architecture yolo11n() {
    SearchSpace s = SpaceLoader.load(Path.of("spaces/reference/yolo11n.yaml"));
    return s.freeze(s.defaultPicks());
  }

  @Test
  void aSampledCandidateInheritsTheMatchingLayersInImportanceOrder(@TempDir Path dir) throws Exception {
    SearchSpace space = narrowedYolo11n(dir);
    Architecture cand = space.freeze(space.samplePicks(new SplittableRandom(11)));
    Network net = cand.lower(64);
    Checkpoint ckpt = OnnxCheckpointReader.read(STAND_IN);
    Weights fresh = Weights.init(net, 7);
    ImportedWeights got = WeightInheritance.through(ckpt, yolo11n(), 80).fit(net, fresh);
    Network refNet = yolo11n().lower(64);
    Weights ref = CheckpointImport.fit(ckpt, refNet, Weights.init(refNet, 0)).weights();

    // b2 is another block kind: every parameter fresh
    assertTrue(got.freshLayers().contains("b2"), got.summary());
    for (ParamSpec p : ParamSpec.of(net)) {
      if (p.name().startsWith("b2.")) assertArrayEquals(fresh.get(p.name()), got.weights().get(p.name()), p.name());
    }
    // p1, p2 unchanged: the checkpoint's values exactly; every parameter accounted for
    for (String p : List.of("p1.weight", "p1.bn.bias", "p2.weight", "sppf.cv2.weight", "psa.m.0.attn.qkv.weight")) {
      assertArrayEquals(ref.get(p), got.weights().get(p), p);
    }
    // p4 narrower: its filters are the reference's of largest L1 norm (identity BN: BN-scaled L1 is L1), ascending
    Op.Conv p4 = conv(net, "p4");
    Op.Conv refP4 = conv(refNet, "p4");
    assertTrue(p4.cout() < refP4.cout());
    int[] kept = rowsOf(got.weights().get("p4.weight"), ref.get("p4.weight"), p4.cout(), refP4.cout());
    assertArrayEquals(topByL1(ref.get("p4.weight"), refP4.cout(), p4.cout()), kept, "p4 keeps the reference's most important filters");
    float[] bias = got.weights().get("p4.bn.bias");
    for (int i = 0; i < kept.length; i++) assertEquals(ref.get("p4.bn.bias")[kept[i]], bias[i]);
    // b6.cv1 reads p4: its input channels follow p4's kept channels
    Op.Conv cv1 = conv(net, "b6.cv1");
    float[] w = got.weights().get("b6.cv1.weight");
    float[] rw = ref.get("b6.cv1.weight");
    for (int o = 0; o < cv1.cout(); o++) {
      for (int i = 0; i < kept.length; i++) assertEquals(rw[o * refP4.cout() + kept[i]], w[o * kept.length + i], "b6.cv1 [" + o + "," + i + "]");
    }
    // the record: every checkpoint tensor is transferred or not, b2's are not, p4's are cut
    assertEquals(ckpt.tensors().size(), got.total(), got.summary());
    assertTrue(got.notTransferred().contains("model.2.cv1.conv.weight"), got.summary());
    assertTrue(got.sliced().contains("model.5.conv.weight"), got.summary());
    assertTrue(got.summary().contains("; cut to fewer channels: " + got.sliced().size() + " tensors of ")
        && got.summary().matches(".*tensors of [^;]*\\bmodel\\.5\\b.*"), "the summary names the layers cut: " + got.summary());
    assertTrue(got.transferred().contains("model.23.cv3.0.2.weight"), "nc 80 as the checkpoint: class logits transferred");
    assertTrue(got.summary().startsWith("transferred " + got.transferred().size() + "/" + ckpt.tensors().size() + " tensors from yolo11n.onnx"));
    assertTrue(got.transferred().size() > ckpt.tensors().size() / 2, got.summary());
  }

  @Test
  void aWiderLayerHostsTheCheckpointsChannelsAndTheNextLayerReadsThemThere() {
    Architecture ref = yolo11n();
    Architecture wider = new Architecture("wider", 80, 640, ref.layers().stream().map(l -> !l.name().equals("p4") ? l
        : new org.edgenas.arch.Layer(l.name(), l.kind(), l.from(), 160, l.repeats(), l.args(), 0, 32, l.line())).toList(), ref.provenance());
    Network net = wider.lower(64);
    Network refNet = ref.lower(64);
    Checkpoint ckpt = OnnxCheckpointReader.read(STAND_IN);
    Weights fresh = Weights.init(net, 3);
    ImportedWeights got = WeightInheritance.through(ckpt, ref, 80).fit(net, fresh);
    Weights r = CheckpointImport.fit(ckpt, refNet, Weights.init(refNet, 0)).weights();
    assertTrue(got.freshLayers().isEmpty(), got.summary());
    assertEquals(ckpt.tensors().size(), got.transferred().size(), "all inherited: " + got.summary());
    // p4 (128 -> 160 filters): each of the checkpoint's 128 filters in one row, in order; the 32 others fresh
    int per = r.get("p4.weight").length / 128;
    int[] host = new int[128];
    java.util.List<Integer> freshRows = new ArrayList<>();
    int next = 0;
    for (int o = 0; o < 160; o++) {
      float[] row = Arrays.copyOfRange(got.weights().get("p4.weight"), o * per, (o + 1) * per);
      if (next < 128 && Arrays.equals(row, Arrays.copyOfRange(r.get("p4.weight"), next * per, (next + 1) * per))) {
        host[next++] = o;
      } else {
        assertArrayEquals(Arrays.copyOfRange(fresh.get("p4.weight"), o * per, (o + 1) * per), row, "row " + o + " fresh");
        freshRows.add(o);
      }
    }
    assertEquals(128, next, "every checkpoint filter hosted, in order");
    assertEquals(32, freshRows.size());
    // b6.cv1 reads p4 (160 inputs): the checkpoint's weights at the host inputs
    float[] w = got.weights().get("b6.cv1.weight");
    float[] rw = r.get("b6.cv1.weight");
    Op.Conv cv1 = conv(net, "b6.cv1");
    for (int o = 0; o < cv1.cout(); o++) {
      for (int i = 0; i < 128; i++) assertEquals(rw[o * 128 + i], w[o * 160 + host[i]], "b6.cv1 [" + o + "," + i + "]");
    }
    assertTrue(r.get("b6.cv2.weight") != null && r.get("b6.cv2.weight").length > 0);
    assertArrayEquals(r.get("b6.cv2.weight"), got.weights().get("b6.cv2.weight"), "the rest of b6 as in the checkpoint");
  }

  @Test
  void aCandidateOfTheShippedSpaceInheritsOnlyWhatMatchesByNameAndKind() {
    SearchSpace lite = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"), 80);
    Architecture ref = yolo11n();
    Checkpoint ckpt = OnnxCheckpointReader.read(STAND_IN);
    WeightInheritance inherit = WeightInheritance.through(ckpt, ref, 80);
    SplittableRandom random = new SplittableRandom(3);
    int inheritedSomewhere = 0;
    for (int n = 0; n < 4; n++) {
      Architecture cand = lite.freeze(lite.samplePicks(random));
      Network net = cand.lower(64);
      Weights fresh = Weights.init(net, n);
      ImportedWeights got = inherit.fit(net, fresh);
      Set<String> matching = cand.layers().stream()
          .filter(l -> ref.layers().stream().anyMatch(r -> r.name().equals(l.name()) && r.kind() == l.kind()))
          .map(l -> l.name()).collect(Collectors.toSet());
      for (Op op : net.ops()) {
        String layer = cand.layers().get(op.layer()).name();
        List<ParamSpec> params = ParamSpec.of(op);
        if (params.isEmpty()) continue;
        if (!got.sources().containsKey(WeightInheritance.opName(op))) {
          for (ParamSpec p : params) assertArrayEquals(fresh.get(p.name()), got.weights().get(p.name()), p.name() + " stays fresh");
        } else {
          assertTrue(matching.contains(layer), layer + " inherited without a match in yolo11n");
        }
      }
      assertTrue(got.freshLayers().contains("stem"), "yolo-lite's stem has no namesake in yolo11n");
      assertEquals(ckpt.tensors().size(), got.total());
      for (float[] v : got.weights().values().values()) for (float x : v) assertTrue(Float.isFinite(x));
      if (!got.transferred().isEmpty()) inheritedSomewhere++;
    }
    assertTrue(inheritedSomewhere > 0, "sppf, psa or detect of some candidate inherit");
  }

  @Test
  void theReferenceItselfInheritsEverythingAsTheExactImportDoes() {
    Checkpoint ckpt = OnnxCheckpointReader.read(STAND_IN);
    Network net = yolo11n().withNc(4).lower(64);
    Weights fresh = Weights.init(net, 5);
    ImportedWeights exact = CheckpointImport.fit(ckpt, net, fresh);
    ImportedWeights inherited = WeightInheritance.through(ckpt, yolo11n(), 4).fit(net, fresh);
    assertEquals(exact.transferred().stream().sorted().toList(), inherited.transferred().stream().sorted().toList());
    assertEquals(exact.notTransferred(), inherited.notTransferred());
    for (String p : exact.weights().values().keySet()) assertArrayEquals(exact.weights().get(p), inherited.weights().get(p), p);
    assertFalse(inherited.freshLayers().isEmpty(), "the class logits of 4 classes start fresh");
  }

  private static Op.Conv conv(Network net, String name) {
    return net.ops().stream().filter(o -> o instanceof Op.Conv c && c.name().equals(name)).map(o -> (Op.Conv) o).findFirst().orElseThrow();
  }

  /** For each of the n rows of {@code w}, the index of the equal row of {@code ref} (of refRows rows). */
  private static int[] rowsOf(float[] w, float[] ref, int n, int refRows) {
    int per = ref.length / refRows;
    assertEquals(per * n, w.length, "same filter size");
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      float[] row = Arrays.copyOfRange(w, i * per, (i + 1) * per);
      out[i] = -1;
      for (int j = 0; j < refRows && out[i] < 0; j++) if (Arrays.equals(row, Arrays.copyOfRange(ref, j * per, (j + 1) * per))) out[i] = j;
      assertTrue(out[i] >= 0, "row " + i + " is a reference filter");
    }
    return out;
  }

  private static int[] topByL1(float[] w, int rows, int keep) {
    int per = w.length / rows;
    double[] l1 = new double[rows];
    for (int o = 0; o < rows; o++) for (int j = 0; j < per; j++) l1[o] += Math.abs(w[o * per + j]);
    List<Integer> order = new ArrayList<>();
    for (int o = 0; o < rows; o++) order.add(o);
    order.sort((a, b) -> Double.compare(l1[b], l1[a]));
    return order.subList(0, keep).stream().mapToInt(Integer::intValue).sorted().toArray();
  }
}
