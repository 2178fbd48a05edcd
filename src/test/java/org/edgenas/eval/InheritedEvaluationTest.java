package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.checkpoint.Checkpoint;
import org.edgenas.checkpoint.WeightInheritance;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.profile.CompressSettings;
import org.edgenas.profile.ProxySettings;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search's accuracy evaluator with a checkpoint: a candidate of the tiny space, pruned and
 * int8, is proxy-trained (real DJL) from what it inherits of a checkpoint of another tiny
 * architecture, and its answer records what it inherited ({@code init_transferred}) beside the
 * mAPs whose method names the checkpoint; another checkpoint is another parent.
 */
class InheritedEvaluationTest {
  @Test
  void aCandidateTrainsFromWhatItInheritsAndTheAnswerSaysWhat(@TempDir Path tmp) throws Exception {
    YoloDataset ds = YoloDataset.load(SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 8, 64, 3)),
        BadEntryPolicy.FAIL);
    ProxySettings profile = new ProxySettings("inherit-test", 64, 4, 0, 4, 0.01, 0.01, 1, 0.1, 0.937, 5e-4, true, 1.0, 1, 0,
        ProxySettings.Augment.NONE);
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4);
    Architecture reference = tiny.freeze(tiny.defaultPicks()); // s2 C3k2 of 16 channels, s3 C3k2, s5 C3k2
    Network refNet = reference.lower(64);
    Checkpoint ckpt = OnnxCheckpointReader.read(Files.write(tmp.resolve("ref.onnx"),
        OnnxExporter.export(refNet, Weights.init(refNet, 9), ExportOptions.defaults().withBits(32))));
    int[] picks = tiny.defaultPicks();
    int down2 = 0;
    while (!tiny.choices().get(down2).label().startsWith("down2")) down2++;
    picks[down2] = tiny.choices().get(down2).options().indexOf("ADown"); // down2 ADown: another kind than the reference's Conv, so it starts fresh
    Architecture arch = tiny.freeze(picks);
    Architecture candidate = new Architecture(arch.name(), arch.nc(), arch.imgsz(),
        arch.layers().stream().map(l -> l.withPrune(0.5).withBits(8)).toList(), arch.provenance());
    assertTrue(arch.layers().get(1).kind() != reference.layers().get(1).kind());

    ParentStore parents = new ParentStore(tmp.resolve("parents"), 4);
    ProxyEvaluation evaluation = new ProxyEvaluation(ds, profile, "inherit", "synthetic-small", new CompressSettings(2, 4), 0L,
        parents, new CandidateModels(tmp.resolve("models")), p -> {}, WeightInheritance.through(ckpt, reference, 4));
    Map<String, Measure> answer = new ProxyEvaluator(evaluation, "inherit").evaluate(new Candidate(picks, candidate, 64, 0));

    Measure init = answer.get("init_transferred");
    assertEquals(Kind.EXACT, init.kind());
    int total = (int) ckpt.tensors().keySet().stream().filter(n -> n.endsWith(".weight") || n.endsWith(".bias")).count();
    assertTrue(init.value() > 0 && init.value() < total, init.method());
    assertTrue(init.method().startsWith("transferred " + (int) init.value() + "/" + total + " tensors from ref.onnx"), init.method());
    assertTrue(init.method().contains("not transferred: down2."), "the ADown's checkpoint tensors are listed: " + init.method());
    assertTrue(answer.get("map50_95").method().contains("initialised from ref.onnx (sha256 " + ckpt.sha256().substring(0, 16)
        + ", inherited through reference tiny, transferred " + (int) init.value() + "/" + total), answer.get("map50_95").method());
    assertTrue(Double.isFinite(answer.get("map50_95").value()));

    // a checkpoint with other bytes is another parent, never the cached one
    Checkpoint other = OnnxCheckpointReader.read(Files.write(tmp.resolve("ref2.onnx"),
        OnnxExporter.export(refNet, Weights.init(refNet, 10), ExportOptions.defaults().withBits(32))));
    assertNotEquals(ckpt.sha256(), other.sha256());
    new ProxyEvaluation(ds, profile, "inherit", "synthetic-small", new CompressSettings(2, 4), 0L, parents,
        new CandidateModels(tmp.resolve("models2")), p -> {}, WeightInheritance.through(other, reference, 4)).evaluate(candidate);
    assertEquals(2, parents.trainedCount(), "one parent per checkpoint");
  }
}
