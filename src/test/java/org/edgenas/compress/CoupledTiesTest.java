package org.edgenas.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.Network;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Weights;
import org.edgenas.latency.OrtRuntime;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

/**
 * Tied channel groups whose counts no single tensor fixes but the tensors together do: a
 * repeated ShuffleV2 stage ties every channel of its output to several others, and a following
 * ADown splits that output in half through the middle of one tied group. Candidate e38a5436 of a
 * yolo-lite search (8 classes, imgsz 96) failed with "cannot tell how many of its tied channels
 * to keep" at s4.m.0.b1.pw although its s4 is not pruned at all.
 */
class CoupledTiesTest {
  private static final int[] E38A5436 = {1, 0, 2, 0, 1, 0, 1, 0, 2, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 3, 1, 2, 0, 1, 5, 0,
      0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1};

  @Test
  void shuffleStageSplitInHalfByADownPrunesAndItsOnnxRuns() {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"));
    Architecture arch = space.freeze(E38A5436, 8);
    assertEquals("e38a5436b039890e", arch.hash(), "the recorded candidate");
    ChannelPrunerShapeTest.assertPrunesExactly(arch.uncompressed(), arch, 96);
    Network parent = arch.uncompressed().lower(96);
    Network pruned = arch.lower(96);
    PrunedWeights p = ChannelPruner.prune(parent, TinyNets.trainedLike(parent, 5), pruned, Importance.L1_BN_SCALED);
    // s4 is not pruned: every one of its convolutions keeps all its channels, in order
    p.keptChannels().forEach((name, kept) -> {
      if (name.startsWith("s4.")) {
        for (int i = 0; i < kept.length; i++) assertEquals(i, kept[i], name);
      }
    });
    Shape out = pruned.shape(pruned.output());
    float[] y = runOnnx(OnnxExporter.export(pruned, p.weights(), ExportOptions.defaults().withBits(32)), 96, new long[] {1, out.c(), out.w()});
    for (float v : y) assertTrue(Float.isFinite(v));
  }

  /**
   * A pruned Conv or ADown feeding a ShuffleV2 stage of three splitting units, and an ADown halving
   * the stage's output: the feeding layer's pruned widths round to multiples of 2^(3+1) so that the
   * shuffle's position ties can hold, and with the dropped channels zero in the parent the pruned
   * network computes exactly the parent's kept channels.
   */
  @Test
  void prunedInputOfASplittingShuffleStageRoundsToWhatItsTiesAllow() {
    for (BlockKind feed : List.of(BlockKind.CONV, BlockKind.ADOWN)) {
      for (double ratio : new double[] {0.25, 0.5}) {
        Architecture parentArch = TinyNets.arch("shuffle-fed-by-" + feed, List.of(
            TinyNets.layer("stem", BlockKind.CONV, List.of("images"), 16, 1, "k", 3, "s", 2),
            TinyNets.layer("d2", feed, List.of("stem"), 48, 1, "k", 3, "s", 2),
            TinyNets.layer("x", BlockKind.SHUFFLE_V2, List.of("d2"), 48, 3),
            TinyNets.layer("d3", BlockKind.ADOWN, List.of("x"), 32, 1),
            TinyNets.layer("detect", BlockKind.DETECT, List.of("d3"), 0, 1, "strides", List.of(8))));
        Architecture prunedArch = TinyNets.withPrune(parentArch, ratio, java.util.Set.of());
        String what = feed + " at " + ratio;
        Network parent = parentArch.lower();
        Network pruned = prunedArch.lower();
        int width = pruned.layerShape(1).c();
        assertTrue(width < 48 && (feed == BlockKind.CONV ? width % 16 == 0 : width % 32 == 0), what + ": d2 is " + width + " wide");
        ChannelPrunerShapeTest.assertPrunesExactly(parentArch, prunedArch, TinyNets.IMGSZ);
        ChannelPrunerForwardTest.assertReproducesKept(parent, pruned, what);
      }
    }
  }

  /**
   * 300 seeded compressed samples of yolo-lite (nc 8 and 80, imgsz 96 and 160) prune without a
   * tied-channel conflict; every 25th exports and runs in ONNX Runtime. Before the joint solve and
   * the ShuffleV2 pruning multiples, 1 of them could not tell its counts and 4 had none.
   */
  @Test
  void threeHundredSampledCompressedCandidatesPrune() {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"));
    SplittableRandom random = new SplittableRandom(20261207);
    List<String> failed = new ArrayList<>();
    int checked = 0;
    while (checked < 300) {
      int[] picks = space.samplePicks(random);
      int nc = checked % 2 == 0 ? 8 : 80;
      int imgsz = checked % 4 < 2 ? 96 : 160;
      Architecture arch = space.freeze(picks, nc);
      if (arch.layers().stream().allMatch(l -> l.prune() == 0)) continue;
      checked++;
      Network parent = arch.uncompressed().lower(imgsz);
      Network pruned = arch.lower(imgsz);
      try {
        PrunedWeights p = ChannelPruner.prune(parent, Weights.init(parent, checked), pruned, Importance.L1_BN_SCALED);
        ChannelPruner.checkFits(pruned, p.weights());
        if (checked % 25 == 0) {
          Shape out = pruned.shape(pruned.output());
          byte[] model = OnnxExporter.export(pruned, p.weights(), ExportOptions.defaults().withBits(32));
          for (float v : runOnnx(model, imgsz, new long[] {1, out.c(), out.w()})) assertTrue(Float.isFinite(v), arch.hash());
        }
      } catch (IllegalArgumentException e) {
        failed.add(arch.hash() + " nc " + nc + " imgsz " + imgsz + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), failed);
  }

  static float[] runOnnx(byte[] model, int imgsz, long[] shape) {
    OrtEnvironment env = OrtRuntime.environment();
    float[] image = new float[3 * imgsz * imgsz];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < image.length; i++) image[i] = (float) random.nextDouble();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(model, options);
          OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {1, 3, imgsz, imgsz});
          OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, x))) {
        OnnxTensor out = (OnnxTensor) result.get(OnnxExporter.OUTPUT).orElseThrow();
        assertArrayEquals(shape, out.getInfo().getShape());
        FloatBuffer buffer = out.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
      }
    } catch (OrtException e) {
      throw new AssertionError("ONNX Runtime failed: " + e.getMessage(), e);
    }
  }
}
