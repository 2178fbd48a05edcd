package org.edgenas.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Weights;

/**
 * Weights for a whole network, taken from a checkpoint where its tensors fit, with the record of
 * what was transferred: Ultralytics' "transferred N/M items", plus the tensors that were not (the
 * class-logit convolutions when the class count differs) and those that were cut to fewer channels.
 *
 * @param weights a value for every parameter of the network
 * @param checkpoint the file name the tensors came from
 * @param sha256 the checkpoint file's SHA-256
 * @param transferred checkpoint tensors copied (whole or sliced), in network order
 * @param notTransferred checkpoint weight tensors not used, in file order
 * @param sliced checkpoint tensors of which only some channels were taken (also in transferred)
 * @param fresh network parameters that start from their fresh initialisation
 * @param sources op name → the checkpoint tensors its parameters came from (ops absent: fresh)
 */
public record ImportedWeights(Weights weights, String checkpoint, String sha256, List<String> transferred,
    List<String> notTransferred, List<String> sliced, List<String> fresh, Map<String, List<String>> sources) {
  public ImportedWeights {
    transferred = List.copyOf(transferred);
    notTransferred = List.copyOf(notTransferred);
    sliced = List.copyOf(sliced);
    fresh = List.copyOf(fresh);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    sources.forEach((op, names) -> copy.put(op, List.copyOf(names)));
    sources = java.util.Collections.unmodifiableMap(copy);
  }

  /** The layers (the first component of a parameter name) with at least one fresh parameter, in network order. */
  public List<String> freshLayers() {
    return fresh.stream().map(p -> p.substring(0, p.indexOf('.'))).distinct().toList();
  }

  /** Every weight tensor of the checkpoint considered (transferred or not). */
  public int total() {
    return transferred.size() + notTransferred.size();
  }

  /**
   * One line: {@code transferred N/M tensors from FILE (sha256 …)}, then the tensors not
   * transferred, the layers of those cut to fewer channels and the layers that start (partly) fresh.
   */
  public String summary() {
    StringBuilder b = new StringBuilder("transferred ").append(transferred.size()).append('/').append(total())
        .append(" tensors from ").append(checkpoint).append(" (sha256 ").append(sha256, 0, 12).append("…)");
    if (!notTransferred.isEmpty()) b.append("; not transferred: ").append(String.join(", ", notTransferred));
    if (!sliced.isEmpty()) {
      b.append("; cut to fewer channels: ").append(sliced.size()).append(" tensors of ")
          .append(String.join(", ", sliced.stream().map(ImportedWeights::layerOf).distinct().toList()));
    }
    if (!fresh.isEmpty()) b.append("; layers with fresh parameters: ").append(String.join(", ", freshLayers()));
    return b.toString();
  }

  /** The layer a checkpoint tensor belongs to: {@code model.<i>} in Ultralytics' names, the first component in edgenas's. */
  static String layerOf(String tensor) {
    int dot = tensor.indexOf('.');
    if (tensor.startsWith("model.") && tensor.indexOf('.', dot + 1) > 0) return tensor.substring(0, tensor.indexOf('.', dot + 1));
    return dot < 0 ? tensor : tensor.substring(0, dot);
  }

  /** The record for metrics.json and run records (every tensor named). */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", checkpoint);
    m.put("sha256", sha256);
    m.put("transferred", transferred.size());
    m.put("tensors", total());
    m.put("not_transferred", notTransferred);
    m.put("sliced", sliced);
    m.put("fresh_layers", freshLayers());
    m.put("fresh_parameters", fresh);
    return m;
  }
}
