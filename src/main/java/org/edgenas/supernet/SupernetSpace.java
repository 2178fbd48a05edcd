package org.edgenas.supernet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Layer;
import org.edgenas.arch.ParamSpec;
import org.edgenas.space.Choice;
import org.edgenas.space.SearchSpace;

/**
 * A search space seen as one supernet: every path (one pick per choice) is an uncompressed
 * {@link Architecture}; each layer's widest output ({@link #maxChannels}) over every channel option
 * and width scale; and the order of each choice's options by size, for the sandwich rule's
 * largest and smallest paths. Block-kind choices ({@code *.block}) have no size order: the
 * sandwich extremes pick them at random, so every kind is trained at its largest and smallest width.
 * {@link #fairPicks} draws a step of FairNAS strictly fair paths instead.
 */
public final class SupernetSpace {
  private final SearchSpace space;
  private final int nc;
  private final Map<String, Integer> maxChannels = new HashMap<>();
  private final List<int[]> bySize = new ArrayList<>();

  private SupernetSpace(SearchSpace space, int nc) {
    this.space = space;
    this.nc = nc;
    List<Choice> choices = space.choices();
    for (int i = 0; i < choices.size(); i++) {
      long[] size = new long[choices.get(i).size()];
      for (int o = 0; o < size.length; o++) {
        int[] picks = space.defaultPicks();
        picks[i] = o;
        Architecture a = path(picks);
        for (Layer l : a.layers()) maxChannels.merge(l.name(), l.channels(), Math::max);
        size[o] = ParamSpec.of(a.lower(64)).stream().mapToLong(ParamSpec::size).sum();
      }
      bySize.add(choices.get(i).label().endsWith(".block") ? null
          : java.util.stream.IntStream.range(0, size.length).boxed()
              .sorted(Comparator.<Integer>comparingLong(o -> size[o]).thenComparing(o -> o)).mapToInt(Integer::intValue).toArray());
    }
    // widths combine a channel option with a scale: vary each choice again around the largest path
    int[] largest = space.defaultPicks();
    for (int i = 0; i < largest.length; i++) if (bySize.get(i) != null) largest[i] = bySize.get(i)[bySize.get(i).length - 1];
    for (int i = 0; i < choices.size(); i++) {
      for (int o = 0; o < choices.get(i).size(); o++) {
        int[] picks = largest.clone();
        picks[i] = o;
        for (Layer l : path(picks).layers()) maxChannels.merge(l.name(), l.channels(), Math::max);
      }
    }
  }

  /** The supernet of {@code space} for a dataset of {@code nc} classes. */
  public static SupernetSpace of(SearchSpace space, int nc) {
    return new SupernetSpace(space, nc);
  }

  public SearchSpace space() {
    return space;
  }

  public int nc() {
    return nc;
  }

  /** The path of these picks: the space's architecture, uncompressed (pruning and bits are applied after inheriting). */
  public Architecture path(int[] picks) {
    return space.freeze(picks, nc).uncompressed();
  }

  /** The widest output channels the layer has on any path (0 when it derives its width). */
  public int maxChannels(String layer) {
    return maxChannels.getOrDefault(layer, 0);
  }

  /** Every size-ordered choice at its largest option, block kinds at random. */
  public int[] largestPicks(RandomGenerator random) {
    return extreme(random, true);
  }

  /** Every size-ordered choice at its smallest option, block kinds at random. */
  public int[] smallestPicks(RandomGenerator random) {
    return extreme(random, false);
  }

  /**
   * Paths with every size-ordered choice at its largest option that together hold every block kind
   * of every layer: the k-th takes each block-kind choice's k-th option (its last when it has fewer).
   * A supernet started from a checkpoint creates its tensors from these first, at their widest.
   */
  public List<int[]> largestOfEveryKind() {
    List<Choice> choices = space.choices();
    int kinds = 1;
    for (int i = 0; i < choices.size(); i++) if (bySize.get(i) == null) kinds = Math.max(kinds, choices.get(i).size());
    List<int[]> out = new ArrayList<>();
    for (int k = 0; k < kinds; k++) {
      int[] picks = space.defaultPicks();
      for (int i = 0; i < picks.length; i++) {
        int[] order = bySize.get(i);
        picks[i] = order != null ? order[order.length - 1] : Math.min(k, choices.get(i).size() - 1);
      }
      out.add(picks);
    }
    return out;
  }

  /** Whether choice {@code i} of the space is a block-kind choice ({@code *.block}): options without a size order. */
  public boolean isKind(int i) {
    return bySize.get(i) == null;
  }

  /**
   * K, the number of paths of one strictly fair step: the most options of any block-kind choice
   * (1 when the space has none).
   */
  public int fairPaths() {
    int k = 1;
    for (int i = 0; i < bySize.size(); i++) if (isKind(i)) k = Math.max(k, space.choices().get(i).size());
    return k;
  }

  /**
   * One step of FairNAS strict fairness (Chu et al. 2019): {@link #fairPaths K} paths in which
   * every option of every choice appears in ⌊K/n⌋ or ⌈K/n⌉ of them, n the choice's options. Each
   * choice, block kinds and widths, depths and the rest alike, draws one random permutation of its
   * options (Fisher–Yates from {@code random}, choice by choice in the space's order); path j
   * takes its option {@code j mod n}, so a choice with fewer options than K cycles its permutation,
   * and which options get the extra appearance is random. A block-kind choice with K options thus
   * trains every kind exactly once per step. No largest or smallest path is added. Compression
   * choices are drawn too, though a supernet path is uncompressed.
   */
  public List<int[]> fairPicks(RandomGenerator random) {
    List<Choice> choices = space.choices();
    int k = fairPaths();
    List<int[]> paths = new ArrayList<>(k);
    for (int j = 0; j < k; j++) paths.add(new int[choices.size()]);
    for (int i = 0; i < choices.size(); i++) {
      int n = choices.get(i).size();
      int[] perm = new int[n];
      for (int o = 0; o < n; o++) perm[o] = o;
      for (int o = n - 1; o > 0; o--) {
        int r = random.nextInt(o + 1);
        int t = perm[o];
        perm[o] = perm[r];
        perm[r] = t;
      }
      for (int j = 0; j < k; j++) paths.get(j)[i] = perm[j % n];
    }
    return paths;
  }

  private int[] extreme(RandomGenerator random, boolean largest) {
    int[] picks = space.samplePicks(random);
    for (int i = 0; i < picks.length; i++) {
      int[] order = bySize.get(i);
      if (order != null) picks[i] = largest ? order[order.length - 1] : order[0];
    }
    return picks;
  }
}
