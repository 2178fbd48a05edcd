package org.edgenas.supernet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Layer;
import org.edgenas.arch.Network;
import org.edgenas.compress.ChannelPruner;
import org.edgenas.compress.Importance;
import org.edgenas.compress.TiedChannelsException;

/**
 * A path's widest relative: the same layers, kinds and repeats, every layer at the widest output
 * the space allows it ({@link SupernetSpace#maxChannels}). The path is that network with fewer
 * channels, so the pruner maps the one onto the other channel by channel. Where widening changes a
 * block's structure rather than its widths (a stage whose width then equals its input's gets an
 * identity shortcut instead of a projection; a C2PSA gets more attention heads), the layer at
 * fault keeps the path's own width (or, when its width is derived, its inputs do), and the check
 * is repeated; likewise where the path's width at a tensor is one the wide network's tied channel
 * groups cannot give ({@link TiedChannelsException}: a group that appears several times, as in
 * a split or a shuffle). It ends at the latest when the wide path is the path itself.
 */
public final class Widening {
  private Widening() {}

  /** The widest relative of {@code path} (uncompressed) in {@code space}, lowered at {@code imgsz}. */
  public static Network wide(SupernetSpace space, Architecture path, int imgsz) {
    Network narrow = path.lower(imgsz);
    List<Layer> layers = new ArrayList<>();
    for (Layer l : path.layers()) {
      int max = space.maxChannels(l.name());
      layers.add(l.channels() > 0 && max > l.channels() ? withChannels(l, max) : l);
    }
    while (true) {
      Architecture wide = new Architecture(path.name(), path.nc(), path.imgsz(), layers, path.provenance());
      Network net = wide.lower(imgsz);
      int bad = ChannelPruner.firstUnpairedLayer(net, narrow);
      if (bad >= 0) {
        narrowAt(bad, layers, path, false);
        continue;
      }
      try {
        ChannelPruner.sliceIndices(net, null, narrow, Importance.ORDER);
        return net;
      } catch (TiedChannelsException e) {
        // the groups at fault may come from a consumer's split as well as from the inputs
        if (e.layer() < 0 || !narrowAt(e.layer(), layers, path, true)) return narrow;
      }
    }
  }

  /**
   * Gives the nearest layer at or before {@code index} (with {@code consumers}, also after it) that
   * is still wider than the path its path width; false when there is none.
   */
  private static boolean narrowAt(int index, List<Layer> layers, Architecture path, boolean consumers) {
    Deque<Integer> todo = new ArrayDeque<>(List.of(index));
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    boolean changed = false;
    while (!todo.isEmpty() && !changed) {
      int i = todo.poll();
      if (!seen.add(i)) continue;
      Layer own = path.layers().get(i);
      if (layers.get(i).channels() != own.channels()) {
        layers.set(i, own);
        changed = true;
      } else {
        for (String from : own.from()) {
          int j = path.indexOf(from);
          if (j >= 0) todo.add(j);
        }
        if (consumers) {
          for (int j = 0; j < path.layers().size(); j++) if (path.layers().get(j).from().contains(own.name())) todo.add(j);
        }
      }
    }
    if (consumers) return changed;
    // a BFS that reaches the input only would loop forever: every width already equals the path's
    if (!changed) throw new IllegalStateException("layer " + path.layers().get(index).name() + " differs structurally from its widest relative although every width is the path's");
    return true;
  }

  private static Layer withChannels(Layer l, int channels) {
    return new Layer(l.name(), l.kind(), l.from(), channels, l.repeats(), l.args(), l.prune(), l.bits(), l.line());
  }
}
