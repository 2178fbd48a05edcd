package org.edgenas.cost;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Layer;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;

/**
 * The exact cost model: parameters (as trained and fused), FLOPs in the Ultralytics convention,
 * peak activation memory and deployed weight bytes at each layer's bit width; computed from the
 * lowered network, so the figures are those of the network that is exported and trained.
 */
public final class CostModel {
  private CostModel() {}

  public static CostReport of(Architecture arch, int imgsz) {
    return of(arch.lower(imgsz));
  }

  public static CostReport of(Network net) {
    Architecture arch = net.architecture();
    OpCost[] perLayer = new OpCost[arch.layers().size()];
    java.util.Arrays.fill(perLayer, OpCost.ZERO);
    for (Op op : net.ops()) perLayer[op.layer()] = perLayer[op.layer()].plus(OpCost.of(net, op));
    List<LayerCost> rows = new ArrayList<>();
    OpCost total = OpCost.ZERO;
    long weightBytes = 0;
    for (int i = 0; i < perLayer.length; i++) {
      Layer l = arch.layers().get(i);
      long bytes = perLayer[i].paramsFused() * l.bits() / 8;
      weightBytes += bytes;
      total = total.plus(perLayer[i]);
      rows.add(new LayerCost(i, l.name(), l.from(), l.repeats(), l.kind().yamlName(), perLayer[i],
          net.layerShape(i), l.bits(), bytes));
    }
    return new CostReport(arch.name(), arch.hash(), net.imgsz(), arch.nc(), rows, total,
        peakActivationBytes(net), weightBytes);
  }

  /** Liveness walk: every tensor lives from the op that makes it to the last op that reads it. */
  static long peakActivationBytes(Network net) {
    int tensors = net.shapes().size();
    int[] lastUse = new int[tensors];
    java.util.Arrays.fill(lastUse, -1);
    List<Op> ops = net.ops();
    for (int i = 0; i < ops.size(); i++) for (int t : ops.get(i).inputs()) lastUse[t] = i;
    lastUse[net.output()] = ops.size();
    long live = net.shape(net.input()).numel() * 4;
    long peak = live;
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      live += net.shape(op.output()).numel() * 4;
      peak = Math.max(peak, live);
      for (int t : op.inputs().stream().distinct().toList()) if (lastUse[t] == i) live -= net.shape(t).numel() * 4;
      if (lastUse[op.output()] == -1) live -= net.shape(op.output()).numel() * 4;
    }
    return peak;
  }
}
