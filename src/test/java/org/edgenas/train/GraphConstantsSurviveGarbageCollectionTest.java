package org.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.junit.jupiter.api.Test;

/**
 * The backward pass of the training graph (every block and op kind, the detection loss) reads no
 * memory that Java may free between forward and backward: the same batch gives the same gradients
 * when the garbage collector runs in between and small direct buffers full of junk are allocated
 * (with DJL's {@code x.mul(2f)} in the graph the gradient reads the junk: {@link TorchArrays}).
 */
class GraphConstantsSurviveGarbageCollectionTest {
  @Test
  void gradientsAreTheSameWhenTheCollectorRunsBetweenForwardAndBackward() throws InterruptedException {
    TrainingBatch batch = new SquaresSource(CoveringArchitectures.IMGSZ).next(2, new SplittableRandom(5));
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      JniUtils.setGradMode(false); // as the trainer: grad mode only inside the collector
      for (Architecture arch : CoveringArchitectures.pick()) {
        Network network = arch.lower(CoveringArchitectures.IMGSZ);
        try (DjlNetwork net = DjlNetwork.create(root, network, Weights.init(network, 1))) {
          List<float[]> quiet = gradients(net, batch, false);
          List<float[]> collected = gradients(net, batch, true);
          assertTrue(quiet.size() > 10);
          for (int i = 0; i < quiet.size(); i++) {
            assertArrayEquals(quiet.get(i), collected.get(i), arch.hash() + ": gradient of parameter slot " + i + " changed");
          }
        }
      }
    }
  }

  private static List<float[]> gradients(DjlNetwork net, TrainingBatch batch, boolean collectBetween) throws InterruptedException {
    List<TrainableSlots.Slot> slots = TrainableSlots.of(net);
    List<ByteBuffer> junk = new ArrayList<>();
    try (NDManager m = net.manager().newSubManager()) {
      NDArray images = batch.imagesOn(m);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDList raw = net.forwardRaw(images);
        NDArray total = new DetectionLoss(net.geometry()).compute(raw, net.array(net.geometry().detect().name() + ".dfl.weight"),
            batch.boxes()).total();
        if (collectBetween) {
          for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
          }
          for (int k = 0; k < 4000; k++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 * (1 + k % 4)).order(ByteOrder.nativeOrder());
            for (int f = 0; f < b.capacity() / 4; f++) b.putFloat(4 * f, 1000f);
            junk.add(b);
          }
        }
        collector.backward(total);
      }
    }
    List<float[]> out = new ArrayList<>();
    for (TrainableSlots.Slot s : slots) out.add(s.param().getGradient().toFloatArray());
    TrainableSlots.zeroGradients(slots);
    assertTrue(junk.size() == (collectBetween ? 4000 : 0));
    return out;
  }
}
