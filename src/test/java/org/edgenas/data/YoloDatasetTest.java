package org.edgenas.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YoloDatasetTest {
  @TempDir Path dir;

  @Test
  void loadsSizesBoxesAndNamesFromAnIndexMap() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir);
    f.yaml("path: .\ntrain: [images/train]\nval: images/val\nnc: 3\nnames:\n  0: cat\n  2: cow\n  1: dog\n");
    f.label("train", "img1.txt", "1 0.5 0.5 0.25 0.5\n");
    f.label("train", "img2.txt", "2 0.5 0.5 0.25 0.5\n");
    YoloDataset ds = YoloDataset.load(f.dataYaml(), BadEntryPolicy.FAIL);
    assertEquals(List.of("cat", "dog", "cow"), ds.names());
    LabeledImage first = ds.train().get(0);
    assertEquals(dir.resolve("images/train/img1.png"), first.path());
    assertEquals(32, first.width());
    assertEquals(24, first.height());
    assertEquals(List.of(new LabelBox(1, 0.5, 0.5, 0.25, 0.5)), first.boxes());
  }

  @Test
  void skipLeavesOutBadImagesAndKeepsBackgrounds() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir).label("train", "img2.txt", "1 0.5 0.5 0.2\n").image("train", "bg.png", 8, 8);
    YoloDataset ds = YoloDataset.load(f.dataYaml(), BadEntryPolicy.SKIP);
    assertEquals(List.of("bg.png", "img1.png"), ds.train().stream().map(i -> i.path().getFileName().toString()).toList());
    assertTrue(ds.train().get(0).boxes().isEmpty());
    assertEquals(List.of(ProblemKind.MISSING_LABEL, ProblemKind.WRONG_COLUMNS), ds.problems().stream().map(Problem::kind).toList());
  }

  @Test
  void failStopsAtTheFirstErrorNamingFileAndLine() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir).label("val", "img2.txt", "0 0.5 0.5 0.2 0.2\n4 0.5 0.5 0.2 0.2\n");
    BadInputException e = assertThrows(BadInputException.class, () -> YoloDataset.load(f.dataYaml(), BadEntryPolicy.FAIL));
    assertEquals("labels/val/img2.txt:2: class 4 out of range 0..3 (unknown class index)", e.getMessage());
  }

  @Test
  void aSplitWithNothingUsableIsBadInput() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir).file("images/val/img1.png", "junk").file("images/val/img2.png", "junk");
    BadInputException e = assertThrows(BadInputException.class, () -> YoloDataset.load(f.dataYaml(), BadEntryPolicy.SKIP));
    assertTrue(e.getMessage().contains("val has no usable images"), e.getMessage());
  }

  @Test
  void badYamlFieldsAreNamed() throws IOException {
    DatasetFixture f = DatasetFixture.clean(dir);
    f.yaml("train: images/train\nval: images/val\nnc: 5\nnames: [a, b]\n");
    assertEquals(f.dataYaml() + ":3: nc is 5 but names has 2 entries",
        assertThrows(BadInputException.class, () -> DataYaml.read(f.dataYaml())).getMessage());
    f.yaml("train: images/train\nval: images/val\nnames: {0: a, 2: c}\n");
    assertTrue(assertThrows(BadInputException.class, () -> DataYaml.read(f.dataYaml())).getMessage().contains("without gaps"));
    f.yaml("- just a list\n");
    assertTrue(assertThrows(BadInputException.class, () -> DataYaml.read(f.dataYaml())).getMessage().contains("expected a mapping"));
    f.yaml("train: images/train\nnames: [a]\n");
    assertTrue(assertThrows(BadInputException.class, () -> DataYaml.read(f.dataYaml())).getMessage().contains("val is missing"));
  }

  @Test
  void labelPathsFollowTheUltralyticsRule() {
    assertEquals(Path.of("/d/labels/train/a.b.txt"), SplitScanner.labelPathFor(Path.of("/d/images/train/a.b.jpg")));
    assertEquals(Path.of("/images/x/labels/t/a.txt"), SplitScanner.labelPathFor(Path.of("/images/x/images/t/a.png")));
    assertEquals(Path.of("/d/pics/a.txt"), SplitScanner.labelPathFor(Path.of("/d/pics/a.png")));
  }
}
