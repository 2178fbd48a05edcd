package org.edgenas.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * One named parameter (or BatchNorm buffer) of a lowered network, with its shape and role. The
 * names are the contract between the DJL network, the ONNX exporter and saved weights:
 * <ul>
 *   <li>{@link Op.Conv}: {@code name.weight} [cout, cin/g, k, k]; {@code name.bias} [cout];
 *       {@code name.bn.weight|bias|mean|var} [cout]</li>
 *   <li>{@link Op.RepConv}: {@code name.rep.i.weight} + {@code name.rep.i.bn.*} per branch,
 *       {@code name.scale.weight} [cout, cin/g, 1, 1] + {@code name.scale.bn.*},
 *       {@code name.skip.bn.*}</li>
 *   <li>{@link Op.Detect}: {@code name.dfl.weight} [1, regMax, 1, 1], fixed to 0..regMax-1</li>
 * </ul>
 */
public record ParamSpec(String name, List<Integer> shape, Role role, int fanIn) {
  /** What a parameter is, which decides its initialisation and whether it is trained. */
  public enum Role {
    WEIGHT,
    BIAS,
    BN_GAMMA,
    BN_BETA,
    BN_MEAN,
    BN_VAR,
    FIXED;

    public boolean trainable() {
      return this != BN_MEAN && this != BN_VAR && this != FIXED;
    }
  }

  public ParamSpec {
    shape = List.copyOf(shape);
  }

  public int size() {
    int n = 1;
    for (int d : shape) n *= d;
    return n;
  }

  /** Every parameter of the network in op order. */
  public static List<ParamSpec> of(Network net) {
    List<ParamSpec> out = new ArrayList<>();
    for (Op op : net.ops()) out.addAll(of(op));
    return out;
  }

  /** The parameters of one op in order (none for ops without any). */
  public static List<ParamSpec> of(Op op) {
    List<ParamSpec> out = new ArrayList<>();
    switch (op) {
      case Op.Conv c -> {
        int fanIn = c.cin() / c.groups() * c.k() * c.k();
        out.add(new ParamSpec(c.name() + ".weight", List.of(c.cout(), c.cin() / c.groups(), c.k(), c.k()), Role.WEIGHT, fanIn));
        if (c.bias()) out.add(new ParamSpec(c.name() + ".bias", List.of(c.cout()), Role.BIAS, fanIn));
        if (c.bn()) batchNorm(out, c.name() + ".bn", c.cout());
      }
      case Op.RepConv r -> {
        int perIn = r.cin() / r.groups();
        for (int i = 0; i < r.branches(); i++) {
          String b = r.name() + ".rep." + i;
          out.add(new ParamSpec(b + ".weight", List.of(r.cout(), perIn, r.k(), r.k()), Role.WEIGHT, perIn * r.k() * r.k()));
          batchNorm(out, b + ".bn", r.cout());
        }
        if (r.scaleBranch()) {
          out.add(new ParamSpec(r.name() + ".scale.weight", List.of(r.cout(), perIn, 1, 1), Role.WEIGHT, perIn));
          batchNorm(out, r.name() + ".scale.bn", r.cout());
        }
        if (r.identityBranch()) batchNorm(out, r.name() + ".skip.bn", r.cout());
      }
      case Op.Detect d -> out.add(new ParamSpec(d.name() + ".dfl.weight", List.of(1, d.regMax(), 1, 1), Role.FIXED, d.regMax()));
      default -> {}
    }
    return out;
  }

  private static void batchNorm(List<ParamSpec> out, String prefix, int c) {
    out.add(new ParamSpec(prefix + ".weight", List.of(c), Role.BN_GAMMA, 0));
    out.add(new ParamSpec(prefix + ".bias", List.of(c), Role.BN_BETA, 0));
    out.add(new ParamSpec(prefix + ".mean", List.of(c), Role.BN_MEAN, 0));
    out.add(new ParamSpec(prefix + ".var", List.of(c), Role.BN_VAR, 0));
  }
}
