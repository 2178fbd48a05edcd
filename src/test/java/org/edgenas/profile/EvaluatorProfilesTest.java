package org.edgenas.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.arch.Network;
import org.edgenas.arch.ResidualBranches;
import org.edgenas.arch.Weights;
import org.edgenas.common.BadInputException;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorProfilesTest {
  @TempDir Path dir;

  @Test
  void shippedProfilesLoadAndLongTrainsOnTenTimesTheImages() {
    ProxySettings fast = EvaluatorProfiles.loadProxy(Path.of("evaluators/proxy-fast.yaml"));
    ProxySettings slow = EvaluatorProfiles.loadProxy(Path.of("evaluators/proxy-long.yaml"));
    assertEquals("proxy-fast", fast.name());
    assertEquals(2, fast.seeds(), "a fast estimate is the mean of two trainings");
    assertEquals(1, slow.seeds());
    assertEquals(10L * fast.seeds() * fast.totalSteps(1000) * fast.batch(), (long) slow.totalSteps(1000) * slow.batch(),
        "10x the training images of the fast estimate's trainings together");
    assertEquals(10L * fast.seeds() * fast.warmupSteps() * fast.batch(), (long) slow.warmupSteps() * slow.batch(), "10x the warm-up images");
    assertEquals(8, fast.batch());
    assertEquals(16, slow.batch());
    assertEquals(fast.withImgsz(slow.imgsz()), new ProxySettings("proxy-fast", slow.imgsz(), fast.steps(), 0, fast.batch(), fast.lr0(),
        slow.lrf(), fast.warmupSteps(), slow.warmupBiasLr(), slow.momentum(), slow.weightDecay(), slow.cosine(), slow.subset(),
        slow.threads(), slow.seed(), slow.augment(), slow.optimizer()).withSeeds(2), "otherwise the long profile is the fast one");
    assertEquals(ProxySettings.Optimizer.ADAMW, fast.optimizer());
  }

  @Test
  void optimizerIsSgdUnlessAdamwIsAsked() throws IOException {
    assertEquals(ProxySettings.Optimizer.SGD, EvaluatorProfiles.loadProxy(write(body())).optimizer());
    ProxySettings adamw = EvaluatorProfiles.loadProxy(write(body() + "  optimizer: adamw\n"));
    assertEquals(ProxySettings.Optimizer.ADAMW, adamw.optimizer());
    assertEquals(ProxySettings.Optimizer.ADAMW, adamw.withImgsz(96).optimizer());
  }

  @Test
  void batchNormRecalibrationIsOffUnlessAsked() throws IOException {
    assertEquals(0, EvaluatorProfiles.loadProxy(write(body())).bnRecalibration());
    ProxySettings recal = EvaluatorProfiles.loadProxy(write(body() + "  bn_recalibration: 25\n"));
    assertEquals(25, recal.bnRecalibration());
    assertEquals(25, recal.withImgsz(96).withSeed(3).bnRecalibration());
  }

  @Test
  void weightAverageIsOffUnlessAskedAndRampsUpWithTau() throws IOException {
    assertEquals(ProxySettings.Ema.NONE, EvaluatorProfiles.loadProxy(write(body())).ema());
    ProxySettings ema = EvaluatorProfiles.loadProxy(write(body() + "  ema: {decay: 0.99, tau: 40}\n"));
    assertEquals(new ProxySettings.Ema(0.99, 40), ema.ema());
    assertEquals(ema.ema(), ema.withImgsz(96).withSeed(3).ema());
    assertEquals(0.99 * (1 - Math.exp(-1.0 / 40)), ema.ema().decayAt(1), 1e-12);
    assertEquals(0.99, ema.ema().decayAt(4000), 1e-12);
    assertEquals(0.9, EvaluatorProfiles.loadProxy(write(body() + "  ema: {decay: 0.9}\n")).ema().decayAt(1), 1e-12, "tau 0: no ramp");
  }

  @Test
  void residualBranchesStartAtZeroOnlyWhenAsked() throws IOException {
    Network net = SpaceLoader.load(Path.of("spaces/reference/yolo11n.yaml"), 2).freeze(new int[0]).lower(64);
    ProxySettings plain = EvaluatorProfiles.loadProxy(write(body()));
    assertFalse(plain.zeroInitResidual());
    assertEquals(Weights.init(net, 4).values().keySet(), plain.initialWeights(net, 4).values().keySet());
    String gamma = ResidualBranches.closingGammas(net).iterator().next();
    assertEquals(1f, plain.initialWeights(net, 4).get(gamma)[0]);
    ProxySettings zeroed = EvaluatorProfiles.loadProxy(write(body() + "  zero_init_residual: true\n")).withImgsz(96).withSeed(2);
    assertTrue(zeroed.zeroInitResidual());
    assertEquals(0f, zeroed.initialWeights(net, 4).get(gamma)[0]);
  }

  @Test
  void anEstimateIsOneTrainingUnlessSeedsAsksForMore() throws IOException {
    ProxySettings one = EvaluatorProfiles.loadProxy(write(body()));
    assertEquals(1, one.seeds());
    assertEquals(java.util.List.of(one), one.replicas(), "one training: the profile itself");
    ProxySettings three = EvaluatorProfiles.loadProxy(write(body().replace("seed: 0", "seed: 5") + "  seeds: 3\n"));
    assertEquals(3, three.seeds());
    assertEquals(java.util.List.of(5L, 6L, 7L), three.replicas().stream().map(ProxySettings::seed).toList());
    assertTrue(three.replicas().stream().allMatch(r -> r.seeds() == 1), "each replica is one training");
    assertEquals(three.withSeed(6).withSeeds(1), three.replicas().get(1), "otherwise each replica is the profile");
  }

  @Test
  void epochsAndSubsetDecideTheSteps() throws IOException {
    ProxySettings p = EvaluatorProfiles.loadProxy(write(body().replace("steps: 300", "epochs: 3").replace("subset: 1.0", "subset: 0.5")));
    assertEquals(500, p.subsetImages(1000));
    assertEquals(94, p.totalSteps(p.subsetImages(1000)));  // ceil(3 * 500 / 16)
    ProxySettings count = EvaluatorProfiles.loadProxy(write(body().replace("subset: 1.0", "subset: 200")));
    assertEquals(200, count.subsetImages(1000));
    assertEquals(1.0, p.decay(0, 100), 1e-12);
    assertEquals(0.01, p.decay(100, 100), 1e-12);
  }

  @Test
  void badValuesNameFileLineAndField() throws IOException {
    assertMessage(body().replace("batch: 16", "batch: 0"), ":4: proxy.batch must be 1..1024, was 0");
    assertMessage(body().replace("schedule: cosine", "schedule: step"), ":11: proxy.schedule must be linear or cosine, was step");
    assertMessage(body().replace("subset: 1.0", "subset: 2.5"), ":12: proxy.subset must be a fraction in (0, 1] or a whole count");
    assertMessage(body().replace("steps: 300", "steps: 300\n  epochs: 2"), "needs exactly one of steps or epochs");
    assertMessage(body().replace("seed: 0", "seed: 0\n  speed: 3"), "unknown key 'proxy.speed'; allowed: imgsz, steps, epochs");
    assertMessage(body().replace("  lr0: 0.01\n", ""), "proxy.lr0 is required");
    assertMessage(body().replace("hsv: true", "hsv: 3"), "proxy.augment.hsv must be true or false, was 3");
    assertMessage("latency: {repeats: 3}\n", ":1: missing the 'proxy:' section");
    assertMessage(body() + "  optimizer: adam\n", ":15: proxy.optimizer must be sgd or adamw, was adam");
    assertMessage(body() + "  bn_recalibration: -1\n", ":15: proxy.bn_recalibration must be 0..100000, was -1");
    assertMessage(body() + "  ema: {decay: 1.5}\n", ":15: proxy.ema.decay must be 0.0..0.999999, was 1.5");
    assertMessage(body() + "  ema: {tau: 40}\n", ":15: proxy.ema.decay is required");
    assertMessage(body() + "  ema: {decay: 0.99, tua: 40}\n", ":15: unknown key 'proxy.ema.tua'; allowed: decay, tau");
    assertMessage(body() + "  seeds: 0\n", ":15: proxy.seeds must be 1..16, was 0");
    assertMessage(body() + "  zero_init_residual: maybe\n", ":15: proxy.zero_init_residual must be true or false, was maybe");
  }

  private void assertMessage(String yaml, String expected) throws IOException {
    Path f = write(yaml);
    BadInputException e = assertThrows(BadInputException.class, () -> EvaluatorProfiles.loadProxy(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private Path write(String yaml) throws IOException {
    Path f = Files.createTempFile(dir, "profile", ".yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static String body() {
    return """
        proxy:
          imgsz: 160
          steps: 300
          batch: 16
          lr0: 0.01
          lrf: 0.01
          warmup_steps: 30
          momentum: 0.937
          weight_decay: 0.0005
          threads: 2
          schedule: cosine
          subset: 1.0
          seed: 0
          augment: {flip: 0.5, scale: 0.3, hsv: true}
        """;
  }
}
