package org.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.util.RandomRegistry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.cost.CostModel;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

class GenomeCodecTest {
  private static GenomeCodec codec(String space) {
    SearchSpace s = SpaceLoader.load(Path.of(space));
    return new GenomeCodec(s, s.nc(), s.imgsz());
  }

  @Test
  void everyGenotypeOfTinyDecodesAndEncodeDecodeIsIdentity() {
    GenomeCodec codec = codec("spaces/tiny.yaml");
    int[] sizes = codec.space().choices().stream().mapToInt(c -> c.size()).toArray();
    int[] picks = new int[sizes.length];
    Set<String> hashes = new HashSet<>();
    int count = 0;
    do {
      Genotype<IntegerGene> g = codec.encode(picks);
      assertTrue(g.isValid());
      assertArrayEquals(picks, codec.picks(g), "picks(encode(p)) = p");
      GenomeCodec.Decoded d = codec.decode(g);
      assertNotNull(d.architecture().lower(codec.imgsz()));
      if (!d.repaired()) assertArrayEquals(picks, d.picks());
      assertEquals(d.architecture().hash(), codec.space().freeze(d.picks()).hash(), "decode is freeze(picks)");
      hashes.add(d.architecture().hash());
      count++;
    } while (next(picks, sizes));
    assertEquals(1152, count);
    assertTrue(hashes.size() > 500, "distinct architectures: " + hashes.size());
  }

  @Test
  void seededSamplesOfYoloLiteDecodeToValidArchitectures() {
    GenomeCodec codec = codec("spaces/yolo-lite.yaml");
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 500; i++) {
      int[] picks = codec.space().samplePicks(random);
      Genotype<IntegerGene> g = codec.encode(picks);
      assertArrayEquals(picks, codec.picks(g));
      GenomeCodec.Decoded d = codec.decode(g);
      assertTrue(CostModel.of(d.architecture(), codec.imgsz()).params() > 0);
      assertArrayEquals(d.picks(), codec.picks(codec.encode(d.picks())), "a repaired genotype re-encodes");
      assertEquals(d.architecture().hash(), codec.decode(d.picks()).architecture().hash(), "repair is idempotent");
    }
  }

  @Test
  void factoryGenotypesStayInRangeAndDecode() {
    GenomeCodec codec = codec("spaces/yolo-lite.yaml");
    RandomRegistry.with(new SplittableRandom(3)).run(() -> {
      for (int i = 0; i < 200; i++) {
        Genotype<IntegerGene> g = codec.factory().newInstance();
        int[] picks = codec.picks(g);
        for (int k = 0; k < picks.length; k++) assertTrue(picks[k] >= 0 && picks[k] < codec.space().choices().get(k).size());
        assertNotNull(codec.decode(g).architecture());
      }
    });
  }

  @Test
  void outOfRangePicksAreRefusedByEncode() {
    GenomeCodec codec = codec("spaces/tiny.yaml");
    int[] picks = codec.space().defaultPicks();
    picks[0] = 99;
    var e = assertThrows(IllegalArgumentException.class, () -> codec.encode(picks));
    assertTrue(e.getMessage().contains("was 99"), e.getMessage());
  }

  private static boolean next(int[] picks, int[] sizes) {
    for (int i = 0; i < picks.length; i++) {
      if (++picks[i] < sizes[i]) return true;
      picks[i] = 0;
    }
    return false;
  }
}
