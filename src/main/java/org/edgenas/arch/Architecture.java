package org.edgenas.arch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A concrete network: named layers in execution order, connected by name. The spine of edgenas:
 * the cost model, the ONNX graph, the DJL network and the search codec are projections of it.
 * Construction checks names and connections; {@link #lower(int)} checks shapes and strides.
 *
 * @param name a label (the reference name or the space name)
 * @param nc number of classes
 * @param imgsz the default image size (a multiple of 32)
 * @param layers the layers; {@code from} names earlier layers or {@link #IMAGE}
 * @param provenance where it came from (space file, chosen values); not part of its identity
 */
public record Architecture(String name, int nc, int imgsz, List<Layer> layers, Map<String, String> provenance) {
  /** The name by which a layer takes the input image. */
  public static final String IMAGE = "images";

  public Architecture {
    layers = List.copyOf(layers);
    provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
    if (nc < 1 || nc > 10_000) throw new ArchitectureException("nc must be 1..10000, was " + nc);
    if (imgsz < 32 || imgsz % 32 != 0) throw new ArchitectureException("imgsz must be a positive multiple of 32, was " + imgsz);
    if (layers.isEmpty()) throw new ArchitectureException("an architecture needs at least one layer");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (layer.name().equals(IMAGE)) throw new ArchitectureException(layer, "the name '" + IMAGE + "' is reserved for the input");
      BlockType type = Blocks.of(layer.kind());
      if (!type.multiInput() && layer.from().size() != 1) {
        throw new ArchitectureException(layer, layer.kind().yamlName() + " takes one input, from lists " + layer.from());
      }
      if (layer.repeats() > 1 && !type.repeatable()) {
        throw new ArchitectureException(layer, layer.kind().yamlName() + " does not repeat; repeats must be 1, was " + layer.repeats());
      }
      if (type.channels() == BlockType.Channels.REQUIRED && layer.channels() == 0) {
        throw new ArchitectureException(layer, "channels is required for " + layer.kind().yamlName());
      }
      for (String from : layer.from()) {
        if (!from.equals(IMAGE) && !seen.containsKey(from)) {
          boolean later = layers.stream().skip(i).anyMatch(l -> l.name().equals(from));
          throw new ArchitectureException(layer, later
              ? "input '" + from + "' comes later; layers must be listed in order and form no cycle"
              : "input '" + from + "' is not a layer name");
        }
      }
      if (seen.put(layer.name(), i) != null) throw new ArchitectureException(layer, "duplicate layer name");
    }
    Layer last = layers.getLast();
    if (last.kind() != BlockKind.DETECT) throw new ArchitectureException(last, "the last layer must be a Detect head");
    for (Layer l : layers.subList(0, layers.size() - 1)) {
      if (l.kind() == BlockKind.DETECT) throw new ArchitectureException(l, "only the last layer may be a Detect head");
    }
  }

  public int indexOf(String layerName) {
    for (int i = 0; i < layers.size(); i++) if (layers.get(i).name().equals(layerName)) return i;
    return -1;
  }

  public Network lower() {
    return lower(imgsz);
  }

  /** Lowers to primitive ops at the given image size, inferring and checking every shape. */
  public Network lower(int size) {
    if (size < 32 || size % 32 != 0) throw new ArchitectureException("imgsz must be a positive multiple of 32, was " + size);
    boolean pruned = layers.stream().anyMatch(l -> l.prune() > 0);
    Network nominal = pruned ? uncompressed().lower(size) : null;
    NetworkBuilder b = new NetworkBuilder(nominal);
    int[] quantum = nominal == null ? null : pruningQuanta(nominal);
    int image = b.newTensor(new Shape(3, size, size));
    Map<String, Integer> outputs = new HashMap<>();
    outputs.put(IMAGE, image);
    List<Integer> layerOutputs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      BlockType type = Blocks.of(layer.kind());
      List<Integer> inputs = layer.from().stream().map(outputs::get).toList();
      b.startLayer(i, layer.name(), layer.prune(), quantum == null ? 4 : quantum[i]);
      int out;
      try {
        out = type.lower(new BlockContext(b, layer, type, inputs, nc, size));
      } catch (ArchitectureException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ArchitectureException(layer, e.getMessage());
      }
      outputs.put(layer.name(), out);
      layerOutputs.add(out);
    }
    return new Network(this, size, b.ops(), b.shapes(), image, layerOutputs.getLast(), layerOutputs);
  }

  /**
   * The multiple each layer's pruned widths round to ({@link NetworkBuilder#pruned}): 4, or, for a
   * layer that feeds a ShuffleV2 stage whose every unit splits its input (stride 1, input as wide
   * as the stage), 2^(n+1) for n units. Each such unit ties the kept channels of its passed-through
   * half to those of its branch position by position (so the pruned shuffle permutes them as the
   * parent's does); after n units every kept channel of the first half stands for 2^n output
   * channels, and both the stage's own splits and a consumer that halves its output (ADown) then
   * need each half of the pruned input a multiple of 2^n. Other widths give the pruner tied channel
   * groups no count can satisfy.
   */
  private int[] pruningQuanta(Network nominal) {
    int[] out = new int[layers.size()];
    java.util.Arrays.fill(out, 4);
    for (Layer l : layers) {
      if (l.kind() != BlockKind.SHUFFLE_V2 || l.from().size() != 1) continue;
      int from = indexOf(l.from().getFirst());
      if (from < 0 || l.args().intArg(Blocks.of(l.kind()), "s") != 1 || nominal.layerShape(from).c() != l.channels()) continue;
      out[from] = Math.max(out[from], 1 << Math.min(l.repeats() + 1, 16));
    }
    return out;
  }

  /**
   * A stable content hash: 16 hex digits of SHA-256 over nc and each layer's kind, resolved
   * input positions, channels, repeats, arguments, pruning ratio and bit width. Names, formatting,
   * image size and provenance do not change it.
   */
  public String hash() {
    return digest(true);
  }

  /** The hash of the same network without pruning and at 32 bits: the trained parent's key. */
  public String parentHash() {
    return digest(false);
  }

  private String digest(boolean withCompression) {
    StringBuilder sb = new StringBuilder("edgenas-arch-v1;nc=").append(nc).append('\n');
    for (Layer l : layers) {
      sb.append(l.kind()).append('|');
      for (String f : l.from()) sb.append(f.equals(IMAGE) ? -1 : indexOf(f)).append(',');
      sb.append('|').append(l.channels()).append('|').append(l.repeats()).append('|').append(l.args().canonical());
      if (withCompression) sb.append('|').append(l.prune()).append('|').append(l.bits());
      sb.append('\n');
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same architecture with every layer's pruning ratio 0 and bit width 32. */
  public Architecture uncompressed() {
    return new Architecture(name, nc, imgsz, layers.stream().map(l -> l.withPrune(0).withBits(32)).toList(), provenance);
  }

  public Architecture withNc(int classes) {
    return new Architecture(name, classes, imgsz, layers, provenance);
  }
}
