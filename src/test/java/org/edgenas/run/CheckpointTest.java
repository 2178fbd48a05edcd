package org.edgenas.run;

import org.edgenas.search.GenomeCodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  private static Checkpoint sample(long generation) {
    return Checkpoint.of("abcdef0123456789", generation, 42,
        List.of(new Checkpoint.Member(new int[] {0, 1, 2}, 0), new Checkpoint.Member(new int[] {1, 0, 0}, generation)),
        List.of("00000000000000aa"), 17, 3.5);
  }

  @Test
  void writeThenReadGivesTheSameCheckpoint() {
    Checkpoint cp = sample(3);
    Checkpoints.write(dir, cp);
    assertTrue(Files.exists(dir.resolve("gen-0003.json")));
    assertEquals(cp, Checkpoints.read(dir.resolve("gen-0003.json")));
  }

  @Test
  void frozenVersionOneCheckpointKeepsLoadingAndFitsTheTinySpace() throws IOException {
    Path frozen = Path.of("src/test/resources/org/edgenas/search/checkpoint-v1.json");
    Checkpoint cp = Checkpoints.read(frozen);
    assertEquals(2, cp.generation());
    assertEquals(4, cp.population().size());
    assertEquals(2, cp.population().get(1).born());
    var space = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    GenomeCodec codec = new GenomeCodec(space, space.nc(), space.imgsz());
    for (var m : cp.population()) codec.decode(codec.encode(m.alleles()));
  }

  @Test
  void aTruncatedLatestCheckpointIsReportedAndThePreviousUsed() throws IOException {
    Checkpoints.write(dir, sample(1));
    Checkpoints.write(dir, sample(2));
    Path latest = dir.resolve("gen-0002.json");
    byte[] bytes = Files.readAllBytes(latest);
    Files.write(latest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    List<String> warnings = new ArrayList<>();
    Checkpoint cp = Checkpoints.latest(dir, warnings::add).orElseThrow();
    assertEquals(1, cp.generation());
    assertEquals(1, warnings.size());
    assertTrue(warnings.getFirst().contains("gen-0002.json is damaged"), warnings.getFirst());
  }

  @Test
  void checkpointsSortByGenerationNumberNotByName() {
    Checkpoints.write(dir, sample(9999));
    Checkpoints.write(dir, sample(10000));
    assertEquals(10000, Checkpoints.latest(dir, w -> {}).orElseThrow().generation());
  }

  @Test
  void anUnknownVersionIsRefusedNotGuessedAt() throws IOException {
    Path f = dir.resolve("gen-0001.json");
    Files.writeString(f, "{\"format\": \"edgenas-checkpoint\", \"version\": 2, \"population\": []}");
    var e = assertThrows(BadInputException.class, () -> Checkpoints.read(f));
    assertTrue(e.getMessage().contains("version 2 is not supported"), e.getMessage());
  }
}
