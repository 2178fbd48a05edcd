package org.edgenas.train.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.Weights;
import org.edgenas.common.Json;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.train.BatchSource;
import org.edgenas.train.DjlNetwork;
import org.edgenas.profile.ProxySettings;
import org.edgenas.train.ProxyTrainer;
import org.edgenas.train.TrainingBatch;

/**
 * Times one training step of a space's default architecture: (a) the full edgenas step
 * (forward, detection loss with host assignment, backward, Nesterov SGD) and (b) forward +
 * backward of sum(output²) + SGD only, the part a PyTorch script can mirror exactly. Writes the
 * op list as JSON for bench/train_step_torch.py. Prints figures, asserts nothing.
 * Args: SPACE.yaml IMGSZ BATCH [STEPS=10] [THREADS=2] [JSON_OUT].
 */
public final class TrainStepBench {
  public static void main(String[] args) throws Exception {
    SearchSpace space = SpaceLoader.load(Path.of(args[0]));
    int imgsz = Integer.parseInt(args[1]), batch = Integer.parseInt(args[2]);
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 10, threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    Architecture arch = space.freeze(space.defaultPicks());
    Network net = arch.lower(imgsz);
    if (args.length > 5) Files.writeString(Path.of(args[5]), opsJson(net));
    Weights init = Weights.init(net, 1);
    BatchSource source = new NoiseBoxes(imgsz);
    int warm = 3;
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      JniUtils.setNumThreads(threads);
      ProxySettings p = new ProxySettings("bench", imgsz, warm + steps, 0, batch, 0.01, 0.01, 0, 0.1, 0.937, 5e-4,
          true, 1.0, threads, 1, ProxySettings.Augment.NONE);
      long[] at = new long[warm + steps + 1];
      new ProxyTrainer(p, root).train(net, init, source, pr -> at[pr.step()] = pr.elapsed().toNanos());
      double full = (at[warm + steps] - at[warm]) / 1e6 / steps;
      double plain = plainSteps(root, net, init, source, batch, warm, steps);
      System.out.printf(Locale.ROOT, "%s imgsz %d batch %d threads %d: full step %.1f ms, fwd+bwd(sum sq)+sgd %.1f ms%n",
          arch.name(), imgsz, batch, threads, full, plain);
    }
  }

  private static double plainSteps(NDManager root, Network net, Weights init, BatchSource source, int batch, int warm, int steps) {
    try (DjlNetwork djl = DjlNetwork.create(root, net, init)) {
      TrainingBatch b = source.next(batch, new SplittableRandom(2));
      long start = 0;
      for (int i = 0; i < warm + steps; i++) {
        if (i == warm) start = System.nanoTime();
        try (NDScope scope = new NDScope(); NDManager m = djl.manager().newSubManager()) {
          scope.suppressNotUsedWarning();
          NDArray x = m.create(b.images(), new Shape(batch, 3, net.imgsz(), net.imgsz()));
          try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDList raw = djl.forwardRaw(x);
            NDArray loss = raw.get(0).square().sum();
            for (int k = 1; k < raw.size(); k++) loss = loss.add(raw.get(k).square().sum());
            c.backward(loss);
          }
          for (var spec : djl.specs()) {
            if (!spec.role().trainable()) continue;
            NDArray w = djl.array(spec.name());
            w.subi(w.getGradient().mul(1e-6f));
            JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) w);
          }
        }
      }
      return (System.nanoTime() - start) / 1e6 / steps;
    }
  }

  /** The op list with each op's kind, for the PyTorch mirror. */
  static String opsJson(Network net) {
    List<Map<String, Object>> ops = new ArrayList<>();
    for (Op op : net.ops()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("op", op.getClass().getSimpleName());
      m.putAll(Json.mapper().convertValue(op, Map.class));
      m.put("inputs", op.inputs());
      ops.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("imgsz", net.imgsz());
    doc.put("input", net.input());
    doc.put("ops", ops);
    return Json.pretty(doc);
  }

  /** Noise images with three fixed boxes each. */
  private record NoiseBoxes(int imgsz) implements BatchSource {
    public int images() {
      return 1000;
    }

    public TrainingBatch next(int batch, SplittableRandom random) {
      float[] x = new float[batch * 3 * imgsz * imgsz];
      for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble();
      List<List<float[]>> boxes = new ArrayList<>();
      float s = imgsz;
      for (int i = 0; i < batch; i++) {
        boxes.add(List.of(new float[] {0.1f * s, 0.1f * s, 0.4f * s, 0.5f * s, 0}, new float[] {0.5f * s, 0.2f * s, 0.9f * s, 0.6f * s, 1},
            new float[] {0.3f * s, 0.6f * s, 0.6f * s, 0.95f * s, 2}));
      }
      return new TrainingBatch(imgsz, x, boxes);
    }
  }
}
