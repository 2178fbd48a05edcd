package org.edgenas.train.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.ImageCache;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.DatasetBatchSource;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.SupernetSettings;
import org.edgenas.space.SpaceLoader;
import org.edgenas.supernet.SharedWeights;
import org.edgenas.supernet.SupernetSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inheriting a path takes its slices of the shared tensors unchanged; the BatchNorm recalibration
 * changes only running statistics, the fine-tune changes the convolutions, and neither touches the
 * shared tensors.
 */
class SupernetInheritanceTest {
  @Test
  void recalibrationChangesOnlyRunningStatisticsAndFineTuneTheWeights(@TempDir Path tmp) throws Exception {
    Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 4, 64, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    ProxySettings training = new ProxySettings("t", 64, 2, 0, 4, 0.002, 0.01, 0, 0.002, 0.9, 5e-4, true, 1.0, 1, 0,
        ProxySettings.Augment.NONE, ProxySettings.Optimizer.ADAMW);
    SupernetSpace tiny = SupernetSpace.of(SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4), 4);
    Architecture path = tiny.path(tiny.space().samplePicks(new SplittableRandom(9)));
    SharedWeights shared = new SharedWeights();
    ImageCache cache = new ImageCache();
    SupernetSettings plain = new SupernetSettings(1, 1, "order", 0, 0);
    Weights raw = new SupernetInheritance(tiny, shared, plain, training, () -> new DatasetBatchSource(ds.train(), training, cache))
        .inherit(path, p -> {}).weights();
    float[][] before = shared.tensors().values().stream().map(t -> t.values().clone()).toArray(float[][]::new);
    Weights recalibrated = new SupernetInheritance(tiny, shared, plain.withBnBatches(2), training,
        () -> new DatasetBatchSource(ds.train(), training, cache)).inherit(path, p -> {}).weights();
    Weights tuned = new SupernetInheritance(tiny, shared, plain.withFinetuneSteps(2), training,
        () -> new DatasetBatchSource(ds.train(), training, cache)).inherit(path, p -> {}).weights();
    Weights tunedAtFullRate = new SupernetInheritance(tiny, shared, plain.withFinetuneSteps(2).withFinetuneLr(1.0), training,
        () -> new DatasetBatchSource(ds.train(), training, cache)).inherit(path, p -> {}).weights();

    double moved = 0, movedAtFullRate = 0;
    boolean statisticsMoved = false, convMoved = false;
    for (ParamSpec p : ParamSpec.of(path.lower(64))) {
      boolean stat = p.role() == ParamSpec.Role.BN_MEAN || p.role() == ParamSpec.Role.BN_VAR;
      if (stat) {
        statisticsMoved |= !Arrays.equals(raw.get(p.name()), recalibrated.get(p.name()));
      } else {
        assertArrayEquals(raw.get(p.name()), recalibrated.get(p.name()), p.name() + " is not a running statistic");
      }
      if (p.role() == ParamSpec.Role.WEIGHT) {
        convMoved |= !Arrays.equals(raw.get(p.name()), tuned.get(p.name()));
        moved += squaredDistance(raw.get(p.name()), tuned.get(p.name()));
        movedAtFullRate += squaredDistance(raw.get(p.name()), tunedAtFullRate.get(p.name()));
      }
    }
    assertTrue(Math.sqrt(movedAtFullRate) > 3 * Math.sqrt(moved),
        "finetune_lr 1.0 (the training's lr0) moves the convolutions further than the default 0.1: " + movedAtFullRate + " vs " + moved);
    assertTrue(statisticsMoved, "the recalibration re-estimated the running statistics");
    assertTrue(convMoved, "the fine-tune changed the convolutions");
    float[][] after = shared.tensors().values().stream().map(t -> t.values()).toArray(float[][]::new);
    for (int i = 0; i < before.length; i++) assertArrayEquals(before[i], after[i], "the shared tensors are untouched");
  }

  private static double squaredDistance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) sum += (double) (a[i] - b[i]) * (a[i] - b[i]);
    return sum;
  }
}
