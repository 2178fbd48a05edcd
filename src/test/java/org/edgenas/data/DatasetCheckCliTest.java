package org.edgenas.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus of broken datasets, each checked through the CLI for its message and exit code. */
class DatasetCheckCliTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private static Result check(Path yaml, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[3 + extra.length];
    args[0] = "dataset";
    args[1] = "check";
    args[2] = yaml.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private static void assertHas(Result r, String text) {
    assertTrue(r.all().contains(text), () -> "expected '" + text + "' in:\n" + r.all());
  }

  @Test
  void cleanDatasetExitsZeroWithCounts() throws IOException {
    Result r = check(DatasetFixture.clean(dir).dataYaml());
    assertEquals(0, r.code(), r::all);
    assertHas(r, "train: 2 images, 2 label files, 2 boxes");
    assertHas(r, "per class: 0 a 0, 1 b 1, 2 c 1, 3 d 0");
    assertHas(r, "no problems found");
  }

  @Test
  void datasetWithoutSubcommandIsAUsageErrorAndHelpListsBoth() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(2, Main.run(new PrintWriter(out), new PrintWriter(err), "dataset"));
    assertTrue(err.toString().contains("a dataset command is required: check or synth"), err::toString);
    assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err), "dataset", "--help"));
    assertTrue(out.toString().contains("check") && out.toString().contains("synth"), out::toString);
  }

  @Test
  void missingYamlIsBadInput() {
    Result r = check(dir.resolve("nope.yaml"));
    assertEquals(2, r.code());
    assertHas(r, "nope.yaml: file does not exist");
  }

  @Test
  void missingTrainFolderIsBadInput() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir);
    f.yaml("path: " + dir + "\ntrain: images/nothere\nval: images/val\nnames: [a, b, c, d]\n");
    Result r = check(f.dataYaml());
    assertEquals(2, r.code());
    assertHas(r, "data.yaml:2: train folder " + dir.resolve("images/nothere") + " does not exist");
  }

  @Test
  void missingNamesIsBadInput() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir);
    f.yaml("train: images/train\nval: images/val\n");
    Result r = check(f.dataYaml());
    assertEquals(2, r.code());
    assertHas(r, "data.yaml:1: names is missing");
  }

  @Test
  void sixColumnsIsAnErrorNamingFileAndLine() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir).label("train", "img2.txt", "1 0.5 0.5 0.2 0.2\n2 0.5 0.5 0.2 0.2 0.9\n");
    Result r = check(f.dataYaml());
    assertEquals(1, r.code(), r::all);
    assertHas(r, "ERROR wrong column count: 1");
    assertHas(r, "labels/train/img2.txt:2: 6 columns, expected 5 (class cx cy w h)");
    assertHas(r, "has 1 error (1 wrong column count) and 0 warnings");
  }

  @Test
  void classOutOfRangeIsAnError() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir).label("val", "img1.txt", "0 0.5 0.5 0.2 0.2\n7 0.5 0.5 0.2 0.2\n");
    Result r = check(f.dataYaml());
    assertEquals(1, r.code());
    assertHas(r, "labels/val/img1.txt:2: class 7 out of range 0..3");
  }

  @Test
  void fileThatIsNotAnImageIsAnError() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir).file("images/train/broken.png", "this is text, not a PNG\n")
        .label("train", "broken.txt", "0 0.5 0.5 0.2 0.2\n");
    Result r = check(f.dataYaml());
    assertEquals(1, r.code());
    assertHas(r, "ERROR unreadable image / not an image: 1");
    assertHas(r, "images/train/broken.png: not a readable image");
  }

  @Test
  void outOfRangeBoxAndNonNumericValuesAreErrors() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir)
        .label("train", "img1.txt", "0 0.9 0.5 0.4 0.2\n1 0.5 0.5 0 0.2\n2 0.5 abc 0.2 0.2\n");
    Result r = check(f.dataYaml());
    assertEquals(1, r.code());
    assertHas(r, "ERROR box out of range: 2");
    assertHas(r, "labels/train/img1.txt:1: box x extent 0.7000..1.1000 outside 0..1");
    assertHas(r, "labels/train/img1.txt:2: box w 0.0 h 0.2 must be > 0");
    assertHas(r, "labels/train/img1.txt:3: value 'abc' is not a number");
  }

  @Test
  void emptyLabelsMissingLabelsAndDuplicatesAreWarningsOnly() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir).label("train", "img1.txt", "")
        .label("val", "img1.txt", "1 0.5 0.5 0.2 0.2\n1 0.5 0.5 0.2 0.2\n")
        .image("train", "img3.png", 16, 16);
    Result r = check(f.dataYaml());
    assertEquals(0, r.code(), r::all);
    assertHas(r, "WARNING empty label file (background image): 1");
    assertHas(r, "labels/train/img1.txt: label file is empty");
    assertHas(r, "WARNING missing label file (background image): 1");
    assertHas(r, "labels/train/img3.txt: no label file for images/train/img3.png");
    assertHas(r, "labels/val/img1.txt:2: repeats an earlier row");
    assertHas(r, "result: 0 errors and 3 warnings");
  }

  @Test
  void onlyThreeExamplesPerKindAreShown() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir);
    f.label("train", "img1.txt", "9 0.5 0.5 0.1 0.1\n".repeat(1) + "8 0.5 0.5 0.1 0.1\n6 0.5 0.5 0.1 0.1\n5 0.5 0.5 0.1 0.1\n4 0.5 0.5 0.1 0.1\n");
    Result r = check(f.dataYaml());
    assertEquals(1, r.code());
    assertHas(r, "ERROR unknown class index: 5");
    assertEquals(3, r.out().lines().filter(l -> l.contains("out of range 0..3")).count(), r::all);
  }

  @Test
  void failOnErrorStopsAtTheFirstError() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir).label("train", "img1.txt", "7 0.5 0.5 0.2 0.2\n")
        .label("train", "img2.txt", "1 2 3\n");
    Result full = check(f.dataYaml());
    assertHas(full, "has 3 errors (1 wrong column count, 1 unknown class index, 1 split without any box)");
    Result quick = check(f.dataYaml(), "--fail-on-error");
    assertEquals(1, quick.code());
    assertHas(quick, "has 1 error (1 unknown class index) and 0 warnings, stopped at the first error");
  }

  @Test
  void txtListSourcesReportMissingImagesWithLine() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir).file("train.txt", "images/train/img1.png\n./images/train/gone.png\n");
    f.yaml("train: train.txt\nval: images/val\nnames: {0: a, 1: b, 2: c, 3: d}\n");
    Result r = check(f.dataYaml());
    assertEquals(1, r.code());
    assertHas(r, "train: 1 images, 1 label files, 1 boxes");
    assertHas(r, "train.txt:2: image ./images/train/gone.png does not exist");
  }

  @Test
  void synthCommandWritesADatasetThatChecksClean() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path target = dir.resolve("syn");
    int code = Main.run(new PrintWriter(out), new PrintWriter(err),
        "dataset", "synth", "--out", target.toString(), "--classes", "8", "--train", "12", "--val", "4", "--imgsz", "64", "--seed", "5");
    assertEquals(0, code, err::toString);
    assertTrue(Files.isRegularFile(target.resolve("images/val/00003.png")));
    Result r = check(target.resolve("data.yaml"));
    assertEquals(0, r.code(), r::all);
    assertHas(r, "train: 12 images, 12 label files");
    assertEquals(2, Main.run(new PrintWriter(out), new PrintWriter(err), "dataset", "synth", "--out", target.toString(), "--classes", "9"));
    assertTrue(err.toString().contains("classes must be 1..8, was 9"), err::toString);
  }
}
