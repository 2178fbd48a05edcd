package org.edgenas.space;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.ArgSpec;
import org.edgenas.arch.BlockArgs;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.BlockType;
import org.edgenas.arch.Blocks;
import org.edgenas.arch.Layer;

/**
 * A search space read from a space file: its layers, each field fixed or a {@link Choice}, and
 * the scale table. {@link #freeze(int[])} turns one pick per choice into an {@link Architecture};
 * a space without choices is a single architecture (the reference files).
 */
public final class SearchSpace {
  private final String file;
  private final String name;
  private final int nc;
  private final int imgsz;
  private final Map<String, double[]> scales;
  private final Setting scale;
  private final List<LayerTemplate> layers;
  private final Map<String, Setting[]> groups;
  private final List<Choice> choices;

  SearchSpace(String file, String name, int nc, int imgsz, Map<String, double[]> scales, Setting scale,
      List<LayerTemplate> layers, Map<String, Setting[]> groups, List<Choice> choices) {
    this.file = file;
    this.name = name;
    this.nc = nc;
    this.imgsz = imgsz;
    this.scales = Map.copyOf(scales);
    this.scale = scale;
    this.layers = List.copyOf(layers);
    this.groups = Map.copyOf(groups);
    this.choices = List.copyOf(choices);
  }

  public String file() {
    return file;
  }

  public String name() {
    return name;
  }

  public int nc() {
    return nc;
  }

  public int imgsz() {
    return imgsz;
  }

  public List<Choice> choices() {
    return choices;
  }

  /** How many architectures the space describes (the product of the choice sizes). */
  public BigInteger size() {
    BigInteger n = BigInteger.ONE;
    for (Choice c : choices) n = n.multiply(BigInteger.valueOf(c.size()));
    return n;
  }

  /** The picks of the first option of every choice. */
  public int[] defaultPicks() {
    return new int[choices.size()];
  }

  public int[] samplePicks(RandomGenerator random) {
    int[] picks = new int[choices.size()];
    for (int i = 0; i < picks.length; i++) picks[i] = random.nextInt(choices.get(i).size());
    return picks;
  }

  public Architecture freeze(int[] picks) {
    return freeze(picks, nc);
  }

  /**
   * The architecture for one pick per choice. Channels are scaled as Ultralytics' parse_model
   * does when a scale is selected; repeats by the depth multiple (round half to even).
   */
  public Architecture freeze(int[] picks, int classes) {
    if (picks.length != choices.size()) {
      throw new IllegalArgumentException(file + ": expected " + choices.size() + " picks, got " + picks.length);
    }
    for (int i = 0; i < picks.length; i++) {
      if (picks[i] < 0 || picks[i] >= choices.get(i).size()) {
        throw new IllegalArgumentException(choices.get(i).label() + " pick must be 0.." + (choices.get(i).size() - 1) + ", was " + picks[i]);
      }
    }
    double[] sc = scale == null ? null : scales.get((String) scale.resolve(choices, picks));
    Map<String, String> disabled = new HashMap<>();
    List<Layer> out = new ArrayList<>();
    for (LayerTemplate t : layers) {
      List<String> from = t.from().stream().map(f -> rewire(f, disabled)).toList();
      if (!(Boolean) t.enabled().resolve(choices, picks)) {
        disabled.put(t.name(), rewire(t.bypass(), disabled));
        continue;
      }
      BlockKind kind = BlockKind.byYamlName((String) t.block().resolve(choices, picks)).orElseThrow();
      BlockType type = Blocks.of(kind);
      Map<String, Object> args = new LinkedHashMap<>();
      for (var e : t.args().entrySet()) {
        ArgSpec spec = type.args().stream().filter(a -> a.name().equals(e.getKey())).findFirst().orElse(null);
        if (spec != null) args.put(e.getKey(), spec.coerce(e.getValue().resolve(choices, picks)));
      }
      int channels = ((Number) t.channels().resolve(choices, picks)).intValue();
      int repeats = ((Number) t.repeats().resolve(choices, picks)).intValue();
      if (sc != null) {
        if (channels != 0 && channels != nc && type.channels() == BlockType.Channels.REQUIRED) {
          channels = (int) Math.ceil(Math.min(channels, sc[2]) * sc[1] / 8) * 8;
        }
        repeats = repeats > 1 ? Math.max((int) Math.rint(repeats * sc[0]), 1) : repeats;
      }
      if (type.channels() != BlockType.Channels.REQUIRED && kind != BlockKind.CONCAT) channels = 0;
      Setting[] group = t.group() == null ? null : groups.get(t.group());
      Setting prune = group != null && group[0] != null ? group[0] : t.prune();
      Setting bits = group != null && group[1] != null ? group[1] : t.bits();
      out.add(new Layer(t.name(), kind, from, channels, repeats, new BlockArgs(args),
          ((Number) prune.resolve(choices, picks)).doubleValue(),
          ((Number) bits.resolve(choices, picks)).intValue(), t.line()));
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("space", file);
    for (int i = 0; i < choices.size(); i++) provenance.put("choice." + choices.get(i).label(), String.valueOf(choices.get(i).options().get(picks[i])));
    return new Architecture(name, classes, imgsz, out, provenance);
  }

  /** A reference to a disabled optional layer goes to that layer's own input. */
  private static String rewire(String from, Map<String, String> disabled) {
    return disabled.getOrDefault(from, from);
  }
}
