package org.edgenas.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.common.EdgenasVersion;

/**
 * The provenance written into {@code metadata_props}, in a fixed order: the keys Ultralytics
 * readers use (description, author, version, task, stride, batch, imgsz, names when given) and
 * {@code edgenas.*} keys (architecture name, hash, parent hash, nc, layers' bits, space file and
 * chosen values, seed, export options, calibration). No time stamps: the file is reproducible.
 */
final class ModelMetadata {
  private ModelMetadata() {}

  static Map<String, String> of(Network net, ExportOptions options, String calibration) {
    Architecture arch = net.architecture();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("description", "edgenas " + arch.name() + " (" + arch.hash() + ")");
    m.put("author", "edgenas");
    m.put("version", EdgenasVersion.current());
    m.put("task", "detect");
    m.put("stride", Integer.toString(maxStride(net)));
    m.put("batch", "1");
    m.put("imgsz", "[" + net.imgsz() + ", " + net.imgsz() + "]");
    if (!options.names().isEmpty()) m.put("names", names(options.names()));
    m.put("edgenas.version", EdgenasVersion.current());
    m.put("edgenas.architecture", arch.name());
    m.put("edgenas.architecture_hash", arch.hash());
    m.put("edgenas.parent_hash", arch.parentHash());
    m.put("edgenas.nc", Integer.toString(arch.nc()));
    m.put("edgenas.imgsz", Integer.toString(net.imgsz()));
    m.put("edgenas.layer_bits", layerBits(arch, options));
    for (var e : new TreeMap<>(arch.provenance()).entrySet()) m.put("edgenas.provenance." + e.getKey(), e.getValue());
    m.put("edgenas.seed", Long.toString(options.seed()));
    m.put("edgenas.export_options", options.describe());
    m.put("edgenas.output", options.nms()
        ? "output0 [N,6]: x1,y1,x2,y2 (input pixels), score, class after NonMaxSuppression"
        : "output0 [1,4+nc,anchors]: cx,cy,w,h (input pixels) then sigmoid class scores");
    m.put("edgenas.calibration", calibration);
    return m;
  }

  private static int maxStride(Network net) {
    int stride = 1;
    for (Op op : net.ops()) if (op instanceof Op.Detect d) for (int s : d.strides()) stride = Math.max(stride, s);
    return stride;
  }

  /** Ultralytics' names format: a Python dict literal {0: 'a', 1: 'b'}. */
  private static String names(List<String> names) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < names.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(i).append(": '").append(names.get(i).replace("\\", "\\\\").replace("'", "\\'")).append('\'');
    }
    return b.append('}').toString();
  }

  private static String layerBits(Architecture arch, ExportOptions options) {
    StringBuilder b = new StringBuilder();
    for (var l : arch.layers()) {
      b.append(b.isEmpty() ? "" : ",").append(l.name()).append(':').append(options.bits() != 0 ? options.bits() : l.bits());
    }
    return b.toString();
  }
}
