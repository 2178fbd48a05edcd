package org.edgenas.checkpoint.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.checkpoint.ImportedWeights;
import org.edgenas.checkpoint.WeightInheritance;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;

/**
 * What inheriting a checkpoint costs a search candidate: for sampled candidates of a space, the
 * time of {@link WeightInheritance#fit} (match, widen, copy, prune back) after the reference
 * import is cached, timed over several repeats after two warm-ups. One TSV row per candidate:
 * architecture hash, tensors transferred of all, tensors cut, layers with fresh parameters,
 * median and minimum ms.
 *
 * <p>Usage: {@code bench/checkpoint-inherit.sh REPEATS SAMPLES FILE.onnx REFERENCE.yaml SPACE.yaml}
 */
public final class InheritTimeBench {
  private InheritTimeBench() {}

  public static void main(String[] args) {
    int repeats = Integer.parseInt(args[0]);
    int samples = Integer.parseInt(args[1]);
    SearchSpace refSpace = SpaceLoader.load(Path.of(args[3]));
    SearchSpace space = SpaceLoader.load(Path.of(args[4]));
    WeightInheritance inherit = WeightInheritance.through(OnnxCheckpointReader.read(Path.of(args[2])),
        refSpace.freeze(refSpace.defaultPicks()), space.nc());
    SplittableRandom random = new SplittableRandom(0);
    System.out.println("space\tarch\ttransferred\tcut\tfresh_layers\tfit_median_ms\tfit_min_ms\trepeats");
    for (int s = 0; s < samples; s++) {
      Architecture arch = space.freeze(space.samplePicks(random));
      Network net = arch.lower(space.imgsz());
      Weights fresh = Weights.init(net, s);
      double[] ms = new double[repeats];
      ImportedWeights last = null;
      for (int r = -2; r < repeats; r++) {
        long t0 = System.nanoTime();
        last = inherit.fit(net, fresh);
        if (r >= 0) ms[r] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "%s\t%s\t%d/%d\t%d\t%d\t%.1f\t%.1f\t%d%n", space.name(), arch.hash(), last.transferred().size(),
          last.total(), last.sliced().size(), last.freshLayers().size(), ms[repeats / 2], ms[0], repeats);
    }
  }
}
