package org.edgenas.cost;

import org.edgenas.arch.Network;
import org.edgenas.arch.Op;

/**
 * Parameters and multiply-accumulates of one primitive op, in the Ultralytics (thop) convention:
 * a convolution counts output elements × (cin/groups) × k² MACs, bias ignored; a BatchNorm 4 per
 * element (unfused model only); pooling, up-sampling, activations and element-wise ops 0; global
 * average pooling one per input element; the DFL decode 16 per box coordinate.
 *
 * @param params parameters as trained (BN affine, every re-parameterisable branch)
 * @param trainable parameters that receive gradients (all but the fixed DFL weights)
 * @param paramsFused parameters after folding BN and re-parameterisable branches
 * @param macs MACs of the model as trained (unfused)
 * @param macsFused MACs after folding
 */
public record OpCost(long params, long trainable, long paramsFused, long macs, long macsFused) {
  public static final OpCost ZERO = new OpCost(0, 0, 0, 0, 0);

  public OpCost plus(OpCost o) {
    return new OpCost(params + o.params, trainable + o.trainable, paramsFused + o.paramsFused,
        macs + o.macs, macsFused + o.macsFused);
  }

  public static OpCost of(Network net, Op op) {
    return switch (op) {
      case Op.Conv c -> {
        long w = (long) c.cout() * (c.cin() / c.groups()) * c.k() * c.k();
        long out = net.shape(c.output()).numel();
        long p = w + (c.bias() ? c.cout() : 0) + (c.bn() ? 2L * c.cout() : 0);
        long pf = w + (c.bias() || c.bn() ? c.cout() : 0);
        long conv = out * (c.cin() / c.groups()) * c.k() * c.k();
        yield new OpCost(p, p, pf, conv + (c.bn() ? 4 * out : 0), conv);
      }
      case Op.RepConv r -> {
        long perIn = r.cin() / r.groups();
        long out = net.shape(r.output()).numel();
        long kk = (long) r.k() * r.k();
        long p = r.branches() * (r.cout() * perIn * kk + 2L * r.cout());
        long macs = r.branches() * (out * perIn * kk + 4 * out);
        if (r.scaleBranch()) {
          p += r.cout() * perIn + 2L * r.cout();
          macs += out * perIn + 4 * out;
        }
        if (r.identityBranch()) {
          p += 2L * r.cout();
          macs += 4 * out;
        }
        long pf = r.cout() * perIn * kk + r.cout();
        yield new OpCost(p, p, pf, macs, out * perIn * kk);
      }
      case Op.Detect d -> {
        long anchors = net.shape(d.output()).w();
        long dfl = 4 * anchors * d.regMax();
        yield new OpCost(d.regMax(), 0, d.regMax(), dfl, dfl);
      }
      case Op.GlobalAvgPool g -> {
        long in = net.shape(g.input()).numel();
        yield new OpCost(0, 0, 0, in, in);
      }
      default -> ZERO;
    };
  }
}
