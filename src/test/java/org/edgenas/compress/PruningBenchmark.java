package org.edgenas.compress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.cost.CostModel;
import org.edgenas.space.SpaceLoader;

/**
 * Benchmark (not a test): time to prune a reference's weights at 0.25 and 0.5, and to store and
 * load it as a parent. Run: {@code java -cp target/test-classes:target/classes:<deps>
 * org.edgenas.compress.PruningBenchmark [reference] [imgsz]}.
 */
public final class PruningBenchmark {
  private PruningBenchmark() {}

  public static void main(String[] args) throws Exception {
    String ref = args.length > 0 ? args[0] : "yolo11n";
    int imgsz = args.length > 1 ? Integer.parseInt(args[1]) : 640;
    Architecture arch = SpaceLoader.load(Path.of("spaces/reference/" + ref + ".yaml")).freeze(new int[0]);
    Network parent = arch.lower(imgsz);
    Weights w = TinyNets.trainedLike(parent, 1);
    for (int round = 0; round < 3; round++) {
      for (double r : new double[] {0.25, 0.5}) {
        Network pruned = TinyNets.withPrune(arch, r, Set.of()).lower(imgsz);
        long t0 = System.nanoTime();
        PrunedWeights p = ChannelPruner.prune(parent, w, pruned, Importance.L1_BN_SCALED);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("%s round %d prune %.2f: %,d -> %,d params in %.1f ms (%d convolutions)%n", ref, round, r,
            CostModel.of(parent).params(), CostModel.of(pruned).params(), ms, p.keptChannels().size());
      }
    }
    Path dir = Files.createTempDirectory("parents");
    ParentKey key = ParentKey.of(arch, "bench", imgsz, "none");
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      new ParentStore(dir, 0).put(key, parent, w);
      long t1 = System.nanoTime();
      new ParentStore(dir, 0).get(key, parent).orElseThrow();
      long t2 = System.nanoTime();
      System.out.printf("store %s: %.1f MB written in %.1f ms, read and checked in %.1f ms%n", key.fileName(),
          Files.size(dir.resolve(key.fileName())) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }
  }
}
