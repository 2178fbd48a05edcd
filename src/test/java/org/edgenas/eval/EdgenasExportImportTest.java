package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.checkpoint.Checkpoint;
import org.edgenas.checkpoint.CheckpointImport;
import org.edgenas.checkpoint.ImportedWeights;
import org.edgenas.onnx.ArchitectureFile;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * edgenas's own float export (BatchNorm and GhostNetV3 branches folded) imported back onto its
 * architecture and exported again gives the same outputs in ONNX Runtime: yolo11n, and a
 * yolo-lite sample with GhostNetV3 re-parameterisable convolutions.
 */
class EdgenasExportImportTest {
  static final int SIZE = 64;

  @TempDir Path dir;

  @Test
  void yolo11nRoundTrips() throws Exception {
    roundTrip(ArchitectureFile.load(Path.of("spaces/reference/yolo11n.yaml"), 3, null).architecture());
  }

  @Test
  void aGhostNetSampleRoundTrips() throws Exception {
    SearchSpace lite = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"), 3);
    SplittableRandom random = new SplittableRandom(3);
    Architecture arch;
    do {
      arch = lite.freeze(lite.samplePicks(random)).uncompressed();
    } while (arch.layers().stream().noneMatch(l -> l.kind() == BlockKind.GHOST_V3));
    roundTrip(arch);
  }

  private void roundTrip(Architecture arch) throws Exception {
    Network net = arch.lower(SIZE);
    Weights original = DjlOnnxParityTest.withRandomBatchNorm(net, Weights.init(net, 5));
    byte[] exported = OnnxExporter.export(net, original, ExportOptions.defaults().withBits(32));
    Path file = Files.write(dir.resolve("model.onnx"), exported);
    Checkpoint ckpt = OnnxCheckpointReader.read(file);
    assertEquals(Checkpoint.Layout.EDGENAS, ckpt.layout());
    ImportedWeights imported = CheckpointImport.fit(ckpt, net, Weights.init(net, 99));
    assertEquals(imported.total(), imported.transferred().size(), imported.summary());
    assertTrue(imported.fresh().isEmpty(), imported.summary());
    float[] image = new float[3 * SIZE * SIZE];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < image.length; i++) image[i] = (float) random.nextDouble();
    float[] before = UltralyticsImportParityTest.ort(exported, image, SIZE);
    float[] after = UltralyticsImportParityTest.ort(OnnxExporter.export(net, imported.weights(), ExportOptions.defaults().withBits(32)), image, SIZE);
    double scale = 0, worst = 0;
    for (int i = 0; i < before.length; i++) {
      scale = Math.max(scale, Math.abs(before[i]));
      worst = Math.max(worst, Math.abs(before[i] - after[i]));
    }
    assertTrue(worst <= 1e-5 * Math.max(1, scale), arch.name() + ": max difference " + worst + " for outputs up to " + scale);
  }
}
