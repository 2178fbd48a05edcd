package org.edgenas.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.common.AtomicFiles;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpaceWriterTest {
  @TempDir Path tmp;

  @Test
  void referencesRoundTripToTheSameHash() {
    for (String ref : new String[] {"yolo11n", "yolo11s", "yolo11m", "yolov8n"}) {
      roundTrip(SpaceLoader.load(Path.of("spaces/reference/" + ref + ".yaml")).freeze(new int[0]));
    }
  }

  @Test
  void sampledArchitecturesOfBothSpacesRoundTripWithPruningAndBits() {
    SplittableRandom random = new SplittableRandom(3);
    for (String file : new String[] {"spaces/tiny.yaml", "spaces/yolo-lite.yaml"}) {
      SearchSpace space = SpaceLoader.load(Path.of(file));
      for (int i = 0; i < 15; i++) roundTrip(space.freeze(space.samplePicks(random)));
    }
  }

  @Test
  void wordsThatYamlWouldReadAsOtherTypesAreQuoted() {
    assertEquals("\"yes\"", SpaceWriter.scalar("yes"));
    assertEquals("\"a b\"", SpaceWriter.scalar("a b"));
    assertEquals("yolo-lite", SpaceWriter.scalar("yolo-lite"));
    assertEquals("0.0001", SpaceWriter.number(1e-4));
    assertEquals("2.0", SpaceWriter.number(2));
  }

  private void roundTrip(Architecture arch) {
    Path file = tmp.resolve(arch.hash() + ".yaml");
    String yaml = SpaceWriter.toYaml(arch);
    assertFalse(yaml.contains("scales"), yaml);
    AtomicFiles.writeString(file, yaml);
    SearchSpace back = SpaceLoader.load(file);
    assertEquals(0, back.choices().size(), "a written architecture has no choices");
    assertEquals(arch.hash(), back.freeze(back.defaultPicks()).hash(), () -> "round trip of " + arch.name() + "\n" + yaml);
    assertEquals(arch.nc(), back.nc());
    assertEquals(arch.imgsz(), back.imgsz());
    assertEquals(true, Files.exists(file));
  }
}
