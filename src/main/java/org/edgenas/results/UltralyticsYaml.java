package org.edgenas.results;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BlockArgs;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.BlockType;
import org.edgenas.arch.Blocks;
import org.edgenas.arch.Layer;
import org.edgenas.arch.Network;

/**
 * Writes an architecture as an Ultralytics model YAML ({@code [from, repeats, module, args]} rows
 * with positional {@code from}, absolute channels, no scales so width and depth are 1.0), so it can
 * be trained at full scale with Ultralytics. Possible only when every block exists there with the
 * same meaning; otherwise {@link Result#blockers()} says which layers prevent it. Pruning and bit
 * widths are deployment settings Ultralytics YAML cannot express: the file is the unpruned float
 * network.
 */
public final class UltralyticsYaml {
  /** The YAML text, or null with the reasons it cannot be written. */
  public record Result(String yaml, List<String> blockers) {
    public Result {
      blockers = List.copyOf(blockers);
    }

    public boolean written() {
      return yaml != null;
    }
  }

  private UltralyticsYaml() {}

  public static Result of(Architecture arch) {
    Network net = arch.lower();
    List<String> blockers = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    boolean hasC3k2 = arch.layers().stream().anyMatch(l -> l.kind() == BlockKind.C3K2);
    for (int i = 0; i < arch.layers().size(); i++) {
      Layer l = arch.layers().get(i);
      String from = from(arch, i, l, blockers);
      String row = row(arch, net, i, l, hasC3k2, blockers);
      if (row != null) rows.add("  - [" + from + ", " + row + "]  # " + i + " " + l.name());
    }
    if (!blockers.isEmpty()) return new Result(null, blockers);
    int split = firstHeadRow(arch);
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(arch.name()).append(' ').append(arch.hash())
        .append(": written by edgenas export for Ultralytics (absolute channels; width and depth 1.0).\n")
        .append("# Pruning and bit widths are not expressible here: this is the unpruned float network.\n");
    sb.append("nc: ").append(arch.nc()).append('\n');
    sb.append("backbone:\n");
    for (int i = 0; i < split; i++) sb.append(rows.get(i)).append('\n');
    sb.append("head:\n");
    for (int i = split; i < rows.size(); i++) sb.append(rows.get(i)).append('\n');
    return new Result(sb.toString(), List.of());
  }

  /** The backbone ends before the first Upsample (or before the Detect head when there is none). */
  private static int firstHeadRow(Architecture arch) {
    for (int i = 0; i < arch.layers().size(); i++) if (arch.layers().get(i).kind() == BlockKind.UPSAMPLE) return i;
    return arch.layers().size() - 1;
  }

  private static String from(Architecture arch, int i, Layer l, List<String> blockers) {
    List<String> refs = new ArrayList<>();
    for (String f : l.from()) {
      if (f.equals(Architecture.IMAGE)) {
        if (i != 0) blockers.add(l.name() + ": reads the image although it is not the first layer");
        refs.add("-1");
      } else {
        int j = arch.indexOf(f);
        refs.add(j == i - 1 ? "-1" : String.valueOf(j));
      }
    }
    return refs.size() == 1 ? refs.getFirst() : "[" + String.join(", ", refs) + "]";
  }

  /** {@code repeats, module, [args]} of one row, or null after adding a blocker. */
  private static String row(Architecture arch, Network net, int i, Layer l, boolean hasC3k2, List<String> blockers) {
    BlockType type = Blocks.of(l.kind());
    BlockArgs a = l.args();
    int c2 = net.layerShape(i).c();
    String module = l.kind().yamlName();
    String args;
    switch (l.kind()) {
      case CONV, DWCONV -> {
        if (l.repeats() != 1) return block(blockers, l, "repeats " + l.repeats() + " (Ultralytics repeats a " + module + " with unchanged inputs)");
        String act = a.wordArg(type, "act");
        if (act.equals("relu")) return block(blockers, l, "act relu (Ultralytics " + module + " is SiLU or none)");
        int k = a.intArg(type, "k"), s = a.intArg(type, "s");
        if (!act.equals("none")) args = list(c2, k, s);
        else args = l.kind() == BlockKind.CONV ? list(c2, k, s, "None", 1, 1, "False") : list(c2, k, s, 1, "False");
      }
      case BOTTLENECK -> {
        if (l.repeats() != 1) return block(blockers, l, "repeats " + l.repeats() + " (Ultralytics repeats a Bottleneck with unchanged inputs)");
        int k = a.intArg(type, "k");
        args = list(c2, py(a.boolArg(type, "shortcut")), 1, "[" + k + ", " + k + "]", num(a.doubleArg(type, "e")));
      }
      case C2F, C3 -> args = list(c2, py(a.boolArg(type, "shortcut")), 1, num(a.doubleArg(type, "e")));
      case C3K2 -> args = list(c2, py(a.boolArg(type, "c3k")), num(a.doubleArg(type, "e")), 1, py(a.boolArg(type, "shortcut")));
      case SPPF -> args = list(c2, a.intArg(type, "k"));
      case C2PSA -> args = list(c2, num(a.doubleArg(type, "e")));
      case ADOWN -> args = list(c2);
      case UPSAMPLE -> {
        module = "nn.Upsample";
        args = list("None", a.intArg(type, "scale"), "'nearest'");
      }
      case CONCAT -> args = list(1);
      case DETECT -> {
        String flavour = a.wordArg(type, "flavour");
        if (flavour.equals("yolo11") != hasC3k2) {
          return block(blockers, l, "Detect flavour " + flavour + (hasC3k2
              ? " in a network with C3k2 (Ultralytics then builds the YOLO11 head)"
              : " in a network without C3k2 (Ultralytics then builds the YOLOv8 head)"));
        }
        if (!a.intListArg(type, "strides").equals(List.of(8, 16, 32))) return block(blockers, l, "Detect strides " + a.intListArg(type, "strides"));
        args = list(arch.nc());
      }
      default -> {
        return block(blockers, l, module + " has no Ultralytics module of the same meaning");
      }
    }
    return l.repeats() + ", " + module + ", " + args;
  }

  private static String block(List<String> blockers, Layer l, String why) {
    blockers.add(l.name() + ": " + why);
    return null;
  }

  private static String list(Object... values) {
    List<String> parts = new ArrayList<>();
    for (Object v : values) parts.add(String.valueOf(v));
    return "[" + String.join(", ", parts) + "]";
  }

  private static String py(boolean b) {
    return b ? "True" : "False";
  }

  private static String num(double d) {
    return SpaceWriter.number(d);
  }
}
