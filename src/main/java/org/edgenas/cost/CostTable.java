package org.edgenas.cost;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link CostReport} as an Ultralytics-style summary table or as JSON-ready maps. */
public final class CostTable {
  private CostTable() {}

  public static String render(CostReport r, boolean fused) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%4s  %-10s %-18s %3s %12s %8s  %-10s %-18s %5s%n",
        "", "name", "from", "n", fused ? "params(fused)" : "params", "GFLOPs", "block", "output", "bits"));
    for (LayerCost l : r.layers()) {
      sb.append(String.format("%4d  %-10s %-18s %3d %,12d %8.3f  %-10s %-18s %5d%n", l.index(), l.name(),
          String.join(",", l.from()), l.repeats(), fused ? l.cost().paramsFused() : l.cost().params(),
          fused ? l.gflopsFused() : l.gflops(), l.block(), l.output(), l.bits()));
    }
    sb.append(String.format("%s summary%s: %d layers, %,d parameters, %,d gradients, %.1f GFLOPs (imgsz %d, nc %d, hash %s)%n",
        r.architecture(), fused ? " (fused)" : "", r.layers().size(), fused ? r.paramsFused() : r.params(), r.gradients(),
        fused ? r.gflopsFused() : r.gflops(), r.imgsz(), r.nc(), r.hash()));
    sb.append(String.format("peak activation memory %.2f MB (float32, batch 1); deployed weights %.2f MB at the layers' bit widths%n",
        r.peakActivationBytes() / 1e6, r.weightBytes() / 1e6));
    return sb.toString();
  }

  public static Map<String, Object> toJson(CostReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("architecture", r.architecture());
    m.put("hash", r.hash());
    m.put("imgsz", r.imgsz());
    m.put("nc", r.nc());
    m.put("params", r.params());
    m.put("gradients", r.gradients());
    m.put("params_fused", r.paramsFused());
    m.put("gflops", r.gflops());
    m.put("gflops_fused", r.gflopsFused());
    m.put("peak_activation_bytes", r.peakActivationBytes());
    m.put("weight_bytes", r.weightBytes());
    List<Map<String, Object>> layers = new ArrayList<>();
    for (LayerCost l : r.layers()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("index", l.index());
      row.put("name", l.name());
      row.put("from", l.from());
      row.put("repeats", l.repeats());
      row.put("block", l.block());
      row.put("params", l.cost().params());
      row.put("params_fused", l.cost().paramsFused());
      row.put("gflops", l.gflops());
      row.put("output", List.of(l.output().c(), l.output().h(), l.output().w()));
      row.put("bits", l.bits());
      row.put("weight_bytes", l.weightBytes());
      layers.add(row);
    }
    m.put("layers", layers);
    return m;
  }

  /** A large count in words people read: 1,152 or 4.2e18. */
  public static String count(BigInteger n) {
    return n.bitLength() < 40 ? String.format("%,d", n) : String.format("%.2e", n.doubleValue());
  }
}
