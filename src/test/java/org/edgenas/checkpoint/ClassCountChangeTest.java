package org.edgenas.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nc 80 → nc 4: every tensor but the three class-logit convolutions' weights and biases is
 * transferred; those start fresh; the class branch, narrower at nc 4 (max(64, min(nc, 100))),
 * keeps the checkpoint's filters of largest L1 norm.
 */
class ClassCountChangeTest {
  @ParameterizedTest
  @ValueSource(strings = {"yolo11n", "yolov8n"})
  void allButTheClassLogitsTransfer(String model) {
    Checkpoint ckpt = OnnxCheckpointReader.read(CheckpointImportErrorsTest.STAND_INS.resolve(model + ".onnx"));
    Network net = CheckpointImportErrorsTest.reference(model, 4);
    Weights fresh = Weights.init(net, 7);
    ImportedWeights imported = CheckpointImport.fit(ckpt, net, fresh);
    String d = model.equals("yolo11n") ? "model.23" : "model.22";
    List<String> logits = List.of(d + ".cv3.0.2.weight", d + ".cv3.0.2.bias", d + ".cv3.1.2.weight", d + ".cv3.1.2.bias",
        d + ".cv3.2.2.weight", d + ".cv3.2.2.bias");
    assertEquals(logits, imported.notTransferred(), imported.summary());
    assertEquals(ckpt.tensors().size() - 6, imported.transferred().size(), imported.summary());
    assertTrue(imported.summary().startsWith("transferred " + (ckpt.tensors().size() - 6) + "/" + ckpt.tensors().size() + " tensors"));
    for (int i = 0; i < 3; i++) {
      String p = "detect.cv3." + i + ".2";
      assertArrayEquals(fresh.get(p + ".weight"), imported.weights().get(p + ".weight"));
      assertArrayEquals(fresh.get(p + ".bias"), imported.weights().get(p + ".bias"));
    }
    assertEquals(6, imported.fresh().size());
    assertArrayEquals(ckpt.tensor("model.0.conv.weight").values(), imported.weights().get("p1.weight"));
    assertArrayEquals(ckpt.tensor(d + ".cv2.2.2.bias").values(), imported.weights().get("detect.cv2.2.2.bias"));
    assertTrue(imported.sliced().size() >= 6, imported.summary());
    // the first class-branch convolution that narrows from 80 to 64 outputs kept the 64 largest filters
    String first = model.equals("yolo11n") ? ".cv3.0.0.1" : ".cv3.0.0";
    Checkpoint.Tensor source = ckpt.tensor(d + first + ".conv.weight");
    float[] kept = imported.weights().get("detect" + first + ".weight");
    int per = source.values().length / 80;
    assertEquals(64 * per, kept.length);
    double[] norms = new double[80];
    for (int o = 0; o < 80; o++) for (int j = 0; j < per; j++) norms[o] += Math.abs(source.values()[o * per + j]);
    double[] sorted = norms.clone();
    java.util.Arrays.sort(sorted);
    double smallestKept = Double.MAX_VALUE;
    for (int o = 0; o < 64; o++) {
      double n = 0;
      for (int j = 0; j < per; j++) n += Math.abs(kept[o * per + j]);
      smallestKept = Math.min(smallestKept, n);
    }
    assertEquals(sorted[16], smallestKept, 1e-3 * sorted[16], "the smallest kept filter is the 17th smallest of 80");
  }
}
