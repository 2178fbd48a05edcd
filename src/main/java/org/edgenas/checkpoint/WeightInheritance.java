package org.edgenas.checkpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Layer;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.common.BadInputException;
import org.edgenas.compress.ChannelPruner;
import org.edgenas.compress.Importance;

/**
 * Initial weights from a checkpoint for any network: either the checkpoint must fit the network
 * itself ({@link #exact}, {@code edgenas train --init}), or it is a checkpoint of a reference
 * architecture and a search candidate inherits what matches ({@link #through}, a profile's
 * {@code init:}).
 *
 * <p>Inheritance: a candidate layer with the name and block kind of a reference layer is matched.
 * Where the reference layer is wider, the candidate is first widened to the reference's channels
 * there (kept only where the widened network still pairs with the candidate, {@link
 * ChannelPruner#firstUnpairedLayer}); where it is narrower, the checkpoint's channels go into the
 * leading channels of every tied group ({@link ChannelPruner#sliceIndices} with {@link
 * Importance#ORDER}, as a supernet slices its paths) and the other channels stay fresh. Every op
 * of a matched layer whose parameters at the reference's widths have the reference op's shapes
 * takes the checkpoint's values; the pruner then cuts the widened network back to the candidate
 * ({@link ChannelPruner#prune} by {@link Importance#L1_BN_SCALED} of the checkpoint's filters, the
 * channels tied by the structure deciding together). Every other op keeps the candidate's fresh
 * initialisation. The result records which checkpoint tensors were transferred, cut, or not used.
 */
public final class WeightInheritance {
  private final Checkpoint checkpoint;
  private final Architecture reference;
  private final Map<Integer, ImportedWeights> referenceWeights = new HashMap<>();

  private WeightInheritance(Checkpoint checkpoint, Architecture reference) {
    this.checkpoint = checkpoint;
    this.reference = reference;
  }

  /** The checkpoint must fit every network it is given ({@link CheckpointImport#fit}). */
  public static WeightInheritance exact(Checkpoint checkpoint) {
    return new WeightInheritance(checkpoint, null);
  }

  /**
   * The checkpoint is of {@code reference}; networks inherit what matches.
   *
   * @throws BadInputException naming the file and the first tensor when it does not fit {@code reference} at {@code nc} classes
   */
  public static WeightInheritance through(Checkpoint checkpoint, Architecture reference, int nc) {
    WeightInheritance w = new WeightInheritance(checkpoint, reference);
    w.referenceImport(nc, reference.imgsz());
    return w;
  }

  /**
   * The first of {@code references} the checkpoint fits at {@code nc} classes.
   *
   * @throws BadInputException naming, for each reference, the first tensor that does not fit
   */
  public static WeightInheritance detect(Checkpoint checkpoint, List<Architecture> references, int nc) {
    List<String> why = new ArrayList<>();
    for (Architecture r : references) {
      try {
        return through(checkpoint, r, nc);
      } catch (BadInputException e) {
        why.add(r.name() + ": " + e.getMessage().replace(checkpoint.file() + ": ", ""));
      }
    }
    throw new BadInputException(checkpoint.file() + " is a checkpoint of none of the reference architectures ("
        + (why.isEmpty() ? "none found" : String.join("; ", why)) + ")");
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The architecture the checkpoint is of; null for {@link #exact}. */
  public Architecture reference() {
    return reference;
  }

  /**
   * Weights for {@code net} (uncompressed): the checkpoint's where they are inherited, {@code
   * fresh} (a fresh initialisation of {@code net}) elsewhere.
   */
  public ImportedWeights fit(Network net, Weights fresh) {
    if (reference == null) return CheckpointImport.fit(checkpoint, net, fresh);
    Architecture cand = net.architecture();
    ImportedWeights ref = referenceImport(cand.nc(), net.imgsz());
    Architecture refArch = reference.withNc(cand.nc());
    Map<String, Layer> refLayers = new HashMap<>();
    refArch.layers().forEach(l -> refLayers.put(l.name(), l));
    Set<String> matched = new LinkedHashSet<>();
    for (Layer l : cand.layers()) {
      Layer r = refLayers.get(l.name());
      if (r != null && r.kind() == l.kind()) matched.add(l.name());
    }
    Map<String, Op> refOps = new HashMap<>();
    for (Op op : refArch.lower(net.imgsz()).ops()) if (opName(op) != null) refOps.put(opName(op), op);
    Network wide = resized(net, refLayers, matched, true);
    Inherited got = inheritOrSameWidth(net, wide, resized(wide, refLayers, matched, false), fresh, ref, matched, refOps);
    Set<String> transferred = new LinkedHashSet<>(), sliced = new LinkedHashSet<>();
    Map<String, List<String>> sources = new LinkedHashMap<>();
    for (String op : got.ops()) {
      List<String> names = ref.sources().get(op);
      sources.put(op, names);
      transferred.addAll(names);
      if (got.cut().contains(op)) sliced.addAll(names);
      names.stream().filter(ref.sliced()::contains).forEach(sliced::add);
    }
    Set<String> considered = new LinkedHashSet<>(ref.transferred());
    considered.addAll(ref.notTransferred());
    List<String> notTransferred = checkpoint.tensors().keySet().stream()
        .filter(n -> considered.contains(n) && !transferred.contains(n)).toList();
    List<String> freshParams = net.ops().stream().filter(op -> !got.ops().contains(opName(op)))
        .flatMap(op -> ParamSpec.of(op).stream()).map(ParamSpec::name).toList();
    return new ImportedWeights(got.weights(), checkpoint.fileName(), checkpoint.sha256(), List.copyOf(transferred), notTransferred,
        List.copyOf(sliced), freshParams, sources);
  }

  private static Inherited inheritOrSameWidth(Network net, Network wide, Network refShaped, Weights fresh, ImportedWeights ref,
      Set<String> matched, Map<String, Op> refOps) {
    // where the resized channels conflict with a tie: without the wider layers, then the same-width ops only
    for (Network[] pair : List.of(new Network[] {wide, refShaped}, new Network[] {wide, wide})) {
      try {
        return inherit(net, pair[0], pair[1], fresh, ref, matched, refOps);
      } catch (IllegalArgumentException e) {
        // try the next
      }
    }
    return inherit(net, net, net, fresh, ref, matched, refOps);
  }

  /** What one inheritance took: the weights, the ops inherited and those of them cut to fewer channels. */
  private record Inherited(Weights weights, Set<String> ops, Set<String> cut) {}

  /**
   * {@code wide}: the candidate with narrower matched layers at the reference's widths; {@code
   * refShaped}: {@code wide} with wider matched layers at the reference's widths. An op of {@code
   * refShaped} with the reference op's shapes takes the checkpoint's values, placed into {@code
   * wide} at the leading channels of each tied group ({@link ChannelPruner#sliceIndices}), the rest
   * of a wider op fresh; {@code wide} is then pruned to the candidate.
   */
  private static Inherited inherit(Network net, Network wide, Network refShaped, Weights fresh, ImportedWeights ref,
      Set<String> matched, Map<String, Op> refOps) {
    // widened: the ops not inherited are zero there, so only the checkpoint's filters decide which channels are kept
    Map<String, float[]> values = new LinkedHashMap<>(fresh.values());
    if (wide != net) ParamSpec.of(wide).forEach(p -> values.put(p.name(), new float[p.size()]));
    Map<String, int[]> trace = refShaped == wide ? null : ChannelPruner.sliceIndices(wide, null, refShaped, Importance.ORDER);
    Set<String> ops = new LinkedHashSet<>();
    Set<String> refFresh = Set.copyOf(ref.fresh());
    for (Op op : refShaped.ops()) {
      String name = opName(op);
      if (name == null || !matched.contains(refShaped.architecture().layers().get(op.layer()).name())) continue;
      Op r = refOps.get(name);
      List<ParamSpec> params = ParamSpec.of(op);
      if (r == null || r.getClass() != op.getClass() || !params.equals(ParamSpec.of(r)) || !ref.sources().containsKey(name)
          || params.stream().anyMatch(p -> refFresh.contains(p.name()))) {
        continue;
      }
      for (ParamSpec p : params) {
        float[] src = ref.weights().get(p.name());
        float[] target = values.get(p.name());
        if (trace == null || target.length == src.length) {
          values.put(p.name(), src);
          continue;
        }
        float[] host = fresh.values().containsKey(p.name()) && fresh.get(p.name()).length == target.length
            ? fresh.get(p.name()).clone() : target.clone();
        int[] at = trace.get(p.name());
        for (int j = 0; j < src.length; j++) host[at[j]] = src[j];
        values.put(p.name(), host);
      }
      ops.add(name);
    }
    Weights w = new Weights(values);
    Map<String, float[]> out = new LinkedHashMap<>(wide == net ? w.values()
        : ChannelPruner.prune(wide, w, net, Importance.L1_BN_SCALED).weights().values());
    Set<String> cut = new LinkedHashSet<>();
    Map<String, Integer> wideSizes = new HashMap<>();
    ParamSpec.of(wide).forEach(p -> wideSizes.put(p.name(), p.size()));
    for (Op op : net.ops()) {
      String name = opName(op);
      if (name == null) continue;
      for (ParamSpec p : ParamSpec.of(op)) {
        if (!ops.contains(name)) out.put(p.name(), fresh.get(p.name()));
        else if (wideSizes.get(p.name()) != p.size()) cut.add(name);
      }
    }
    return new Inherited(new Weights(out), ops, cut);
  }

  /**
   * {@code base} with each matched layer at its reference's channels where those are more ({@code
   * widen}) or fewer, keeping only the changes under which the wider of the two networks still
   * pairs with the narrower (the latest change at or before the first unpaired layer is undone
   * until it does).
   */
  private static Network resized(Network base, Map<String, Layer> refLayers, Set<String> matched, boolean widen) {
    Architecture a = base.architecture();
    List<Layer> layers = new ArrayList<>(a.layers());
    List<Integer> changed = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      Layer r = refLayers.get(l.name());
      if (matched.contains(l.name()) && l.channels() > 0 && r.channels() > 0
          && (widen ? r.channels() > l.channels() : r.channels() < l.channels())) {
        layers.set(i, new Layer(l.name(), l.kind(), l.from(), r.channels(), l.repeats(), l.args(), l.prune(), l.bits(), l.line()));
        changed.add(i);
      }
    }
    while (!changed.isEmpty()) {
      int undo;
      try {
        Network other = new Architecture(a.name(), a.nc(), a.imgsz(), layers, a.provenance()).lower(base.imgsz());
        int bad = widen ? ChannelPruner.firstUnpairedLayer(other, base) : ChannelPruner.firstUnpairedLayer(base, other);
        if (bad < 0) return other;
        undo = changed.stream().filter(i -> i <= bad).reduce((x, y) -> y).orElse(changed.getFirst());
      } catch (IllegalArgumentException e) { // an ArchitectureException too: the widths do not lower
        undo = changed.getLast();
      }
      layers.set(undo, a.layers().get(undo));
      changed.remove(Integer.valueOf(undo));
    }
    return base;
  }

  /** The reference at {@code nc} classes with the checkpoint fitted onto it (once per class count). */
  private synchronized ImportedWeights referenceImport(int nc, int imgsz) {
    return referenceWeights.computeIfAbsent(nc, k -> {
      Network n = reference.withNc(nc).lower(imgsz);
      return CheckpointImport.fit(checkpoint, n, Weights.init(n, 0));
    });
  }

  /** The name that prefixes an op's parameters; null for ops without any. */
  static String opName(Op op) {
    return switch (op) {
      case Op.Conv c -> c.name();
      case Op.RepConv r -> r.name();
      case Op.Detect d -> d.name();
      default -> null;
    };
  }
}
