package org.edgenas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.Network;
import org.edgenas.cost.CostModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Seeded property loops over every shipped space. */
class SpacePropertyTest {
  @ParameterizedTest
  @ValueSource(strings = {"spaces/yolo-lite.yaml", "spaces/tiny.yaml", "spaces/reference/yolo11n.yaml",
      "spaces/reference/yolo11s.yaml", "spaces/reference/yolo11m.yaml", "spaces/reference/yolov8n.yaml"})
  void everySampledPointBuildsAValidArchitecture(String file) {
    SearchSpace space = SpaceLoader.load(Path.of(file));
    SplittableRandom random = new SplittableRandom(42);
    int samples = space.choices().isEmpty() ? 1 : 300;
    for (int i = 0; i < samples; i++) {
      int[] picks = space.samplePicks(random);
      Architecture arch = space.freeze(picks);
      Network net = arch.lower(space.imgsz());
      assertEquals(4 + space.nc(), net.shape(net.output()).c());
      assertTrue(CostModel.of(net).params() > 0);
    }
  }

  @Test
  void yoloLiteOffersEveryBlockOfTheMission() {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"));
    Set<BlockKind> seen = new HashSet<>();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 400; i++) space.freeze(space.samplePicks(random)).layers().forEach(l -> seen.add(l.kind()));
    for (BlockKind k : List.of(BlockKind.C3K2, BlockKind.GHOST_V3, BlockKind.DSCONV, BlockKind.SHUFFLE_V2,
        BlockKind.FASTER, BlockKind.CSPPC, BlockKind.ADOWN, BlockKind.SE, BlockKind.ASFF, BlockKind.C2PSA, BlockKind.DETECT)) {
      assertTrue(seen.contains(k), "yolo-lite never uses " + k);
    }
  }

  @Test
  void hashIsStableAcrossReloadAndReformatting(@TempDir Path tmp) throws IOException {
    for (String file : List.of("spaces/yolo-lite.yaml", "spaces/tiny.yaml", "spaces/reference/yolo11n.yaml")) {
      SearchSpace original = SpaceLoader.load(Path.of(file));
      Path reformatted = tmp.resolve(Path.of(file).getFileName());
      Files.writeString(reformatted, reformat(Files.readString(Path.of(file))));
      SearchSpace reloaded = SpaceLoader.load(reformatted);
      SearchSpace again = SpaceLoader.load(Path.of(file));
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < 50; i++) {
        int[] picks = original.samplePicks(random);
        String hash = original.freeze(picks).hash();
        assertEquals(hash, again.freeze(picks).hash(), "reload of " + file);
        assertEquals(hash, reloaded.freeze(byLabel(original, picks, reloaded)).hash(), "reformatted " + file);
      }
    }
  }

  @Test
  void differentNetworksHaveDifferentHashes() {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    Set<String> hashes = new HashSet<>();
    int[] picks = new int[space.choices().size()];
    int total = space.size().intValueExact();
    for (int n = 0; n < total; n++) {
      int rest = n;
      for (int i = 0; i < picks.length; i++) {
        picks[i] = rest % space.choices().get(i).size();
        rest /= space.choices().get(i).size();
      }
      hashes.add(space.freeze(picks).hash());
    }
    assertEquals(total, hashes.size(), "every point of tiny.yaml is a distinct network");
    assertNotEquals(space.freeze(space.defaultPicks()).hash(), space.freeze(space.defaultPicks()).uncompressed().withNc(5).hash());
  }

  /** The same decisions for another load of the space, matched by choice label (file order may differ). */
  static int[] byLabel(SearchSpace from, int[] picks, SearchSpace to) {
    int[] out = new int[to.choices().size()];
    for (int i = 0; i < picks.length; i++) {
      Choice c = from.choices().get(i);
      int j = 0;
      while (!to.choices().get(j).label().equals(c.label())) j++;
      out[j] = to.choices().get(j).options().indexOf(c.options().get(picks[i]));
    }
    return out;
  }

  /** Block style, keys of every mapping in reverse order, comments dropped. */
  @SuppressWarnings("unchecked")
  static String reformat(String yaml) {
    Object doc = new Yaml().load(yaml);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(4);
    return new Yaml(options).dump(reverseKeys(doc));
  }

  @SuppressWarnings("unchecked")
  private static Object reverseKeys(Object o) {
    if (o instanceof Map<?, ?> m) {
      List<Object> keys = new ArrayList<>(m.keySet());
      Collections.reverse(keys);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Object k : keys) out.put(k, reverseKeys(m.get(k)));
      return out;
    }
    if (o instanceof List<?> l) return l.stream().map(SpacePropertyTest::reverseKeys).toList();
    return o;
  }
}
