package org.edgenas.cost;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;

/**
 * Benchmark (not a test): samples and costs N architectures of a space and prints the time.
 * Run with {@code bench/cost-model.sh [SPACE] [N]}.
 */
public final class CostModelBenchmark {
  private CostModelBenchmark() {}

  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : "spaces/yolo-lite.yaml");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    SearchSpace space = SpaceLoader.load(file);
    long checksum = 0;
    for (int round = 0; round < 2; round++) {
      SplittableRandom random = new SplittableRandom(round);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        CostReport c = CostModel.of(space.freeze(space.samplePicks(random)), space.imgsz());
        checksum += c.params();
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%s round %d (%s): %,d architectures sampled, frozen, lowered and costed in %.2f s = %.1f µs each (%,.0f/s)%n",
          file, round, round == 0 ? "cold JVM" : "warm", n, s, s / n * 1e6, n / s);
    }
    System.out.println("checksum " + checksum);
  }
}
