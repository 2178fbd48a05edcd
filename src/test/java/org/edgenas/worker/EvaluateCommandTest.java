package org.edgenas.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edgenas evaluate REQUEST.json --out DIR}: writes the search's answer and the deployed
 * model; the same request again returns the same result without training; bad requests and a
 * request of another edgenas version are refused in one sentence.
 */
class EvaluateCommandTest {
  @TempDir Path root;

  @Test
  void theSameRequestTwiceGivesTheSameResultAndTrainsOnce() throws Exception {
    EvaluationRequest request = WorkerFixture.request(WorkerFixture.template(WorkerFixture.profile(root)), 3);
    Path file = root.resolve("request.json");
    AtomicFiles.writeString(file, request.toJson());
    Path out = root.resolve("out");
    String[] first = WorkerFixture.cli(0, "evaluate", file.toString(), "--out", out.toString(), "--quiet");
    assertTrue(first[0].contains("mAP50-95"), first[0]);
    EvaluationResult result = EvaluationResult.read(out.resolve("result.json"));
    assertEquals(request.digest(), result.requestDigest());
    assertEquals(request.key(), result.result().key());
    assertTrue(result.result().ok(), result.result().reason());
    assertEquals("MEASURED", result.result().values().get("map50_95").kind().name());
    EvaluationResult.Artifact model = result.artifact("model.onnx");
    assertTrue(Files.size(out.resolve("model.onnx")) > 1000 && Artifacts.intact(model), model.toString());
    long written = Files.getLastModifiedTime(out.resolve("result.json")).toMillis();

    String[] second = WorkerFixture.cli(0, "evaluate", file.toString(), "--out", out.toString(), "--quiet");
    assertTrue(second[0].contains("already evaluated (nothing trained)"), second[0]);
    assertEquals(written, Files.getLastModifiedTime(out.resolve("result.json")).toMillis(), "result.json not rewritten");
    assertEquals(result, EvaluationResult.read(out.resolve("result.json")));
  }

  @Test
  void aRequestOfAnotherVersionOrMalformedIsRefusedInOneSentence() throws Exception {
    EvaluationRequest ok = WorkerFixture.request(WorkerFixture.template(WorkerFixture.profile(root)), 3);
    EvaluationRequest other = new EvaluationRequest(ok.format(), ok.version(), "9.9.9", ok.hash(), ok.architecture(), ok.imgsz(),
        ok.masterSeed(), ok.dataset(), ok.datasetFingerprint(), ok.profileName(), ok.profileText(), ok.profileHash());
    Path file = root.resolve("other.json");
    AtomicFiles.writeString(file, other.toJson());
    String err = WorkerFixture.cli(1, "evaluate", file.toString(), "--out", root.resolve("o1").toString(), "--quiet")[1];
    assertTrue(err.contains("but the driver runs 9.9.9: start workers of the driver's version"), err);

    Path bad = root.resolve("bad.json");
    Files.writeString(bad, ok.toJson().replace("\"profileText\"", "\"profileTxt\""));
    err = WorkerFixture.cli(2, "evaluate", bad.toString(), "--out", root.resolve("o2").toString())[1];
    assertEquals("edgenas: " + bad + ": profileText is missing (expected a non-empty string)", err.strip());

    Path wrongData = root.resolve("data.json");
    AtomicFiles.writeString(wrongData, ok.toJson().replace(ok.datasetFingerprint(), "0123456789abcdef"));
    err = WorkerFixture.cli(1, "evaluate", wrongData.toString(), "--out", root.resolve("o3").toString(), "--quiet")[1];
    assertTrue(err.contains("but 0123456789abcdef on the driver (another copy of the dataset?); refused"), err);
  }
}
