package org.edgenas.arch;

import java.util.List;

/**
 * A primitive operation of a lowered network. Each block lowers to a few of these; the cost
 * model, the ONNX exporter and the DJL network each interpret this one small set. Tensor
 * arguments are ids into {@link Network#shape(int)}; {@code layer} is the index of the
 * architecture layer that owns the op; {@code name} prefixes the op's parameters.
 */
public sealed interface Op {
  int layer();

  List<Integer> inputs();

  int output();

  /**
   * Convolution with padding k/2 and optional bias, BatchNorm and activation (Ultralytics Conv
   * when bn is set and bias is not). Parameters: {@code name.weight} [cout, cin/g, k, k], {@code
   * name.bias} [cout] when bias, {@code name.bn.{weight,bias,mean,var}} [cout] when bn.
   */
  record Conv(int layer, String name, int input, int output, int cin, int cout, int k, int stride,
      int groups, boolean bias, boolean bn, Act act) implements Op {
    public Conv {
      if (cin % groups != 0 || cout % groups != 0) {
        throw new IllegalArgumentException(name + ": channels " + cin + "->" + cout + " not divisible by groups " + groups);
      }
    }

    public List<Integer> inputs() {
      return List.of(input);
    }

    public int padding() {
      return k / 2;
    }
  }

  /**
   * GhostNetV3 re-parameterisable convolution: {@code branches} parallel k×k conv+BN branches
   * ({@code name.rep.i}), a 1×1 conv+BN scale branch when k > 1 ({@code name.scale}), a BN-only
   * identity branch when cin == cout and stride 1 ({@code name.skip}); summed, then the
   * activation. At inference all branches fold into one k×k convolution with bias.
   */
  record RepConv(int layer, String name, int input, int output, int cin, int cout, int k, int stride,
      int groups, int branches, boolean scaleBranch, boolean identityBranch, Act act) implements Op {
    public List<Integer> inputs() {
      return List.of(input);
    }
  }

  /** Max or average pooling with explicit kernel, stride and padding. */
  record Pool(int layer, int input, int output, boolean max, int k, int stride, int pad) implements Op {
    public List<Integer> inputs() {
      return List.of(input);
    }
  }

  /** Global average pooling to [C, 1, 1]. */
  record GlobalAvgPool(int layer, int input, int output) implements Op {
    public List<Integer> inputs() {
      return List.of(input);
    }
  }

  /** Nearest-neighbour up-sampling by an integer factor. */
  record Upsample(int layer, int input, int output, int scale) implements Op {
    public List<Integer> inputs() {
      return List.of(input);
    }
  }

  /** Concatenation along channels. */
  record Concat(int layer, List<Integer> inputs, int output) implements Op {
    public Concat {
      inputs = List.copyOf(inputs);
    }
  }

  /** Element-wise sum of two tensors of equal shape. */
  record Add(int layer, int a, int b, int output) implements Op {
    public List<Integer> inputs() {
      return List.of(a, b);
    }
  }

  /** Element-wise product; {@code b} may be [C,1,1] (broadcast over space) or [1,H,W] (over channels). */
  record Mul(int layer, int a, int b, int output) implements Op {
    public List<Integer> inputs() {
      return List.of(a, b);
    }
  }

  /** Channels [from, to) of the input. */
  record Slice(int layer, int input, int output, int from, int to) implements Op {
    public List<Integer> inputs() {
      return List.of(input);
    }
  }

  /** ShuffleNet channel shuffle: reshape to [groups, C/groups], transpose, flatten. */
  record Shuffle(int layer, int input, int output, int groups) implements Op {
    public List<Integer> inputs() {
      return List.of(input);
    }
  }

  /** A standalone activation. */
  record Activation(int layer, int input, int output, Act act) implements Op {
    public List<Integer> inputs() {
      return List.of(input);
    }
  }

  /** Softmax over channels. */
  record Softmax(int layer, int input, int output) implements Op {
    public List<Integer> inputs() {
      return List.of(input);
    }
  }

  /**
   * Multi-head self-attention core of the YOLO11 Attention module. The input is the qkv
   * projection [heads·(2·keyDim+headDim), H, W], laid out per head as [q(keyDim), k(keyDim),
   * v(headDim)]. With {@code valuesOnly} the output is v reshaped to [heads·headDim, H, W];
   * otherwise softmax(qᵀk·keyDim^-½) applied to v, shape [heads·headDim, H, W]. No parameters.
   */
  record Attention(int layer, int input, int output, int heads, int keyDim, int headDim,
      boolean valuesOnly) implements Op {
    public List<Integer> inputs() {
      return List.of(input);
    }
  }

  /**
   * The Detect decode: per level a box tensor [4·regMax, H, W] and a class tensor [nc, H, W]
   * (inputs alternate box, class per level); output [4+nc, 1, anchors] with boxes as centre-x,
   * centre-y, width, height in input pixels (DFL expectation over regMax bins, anchors at cell
   * centres, times the level stride) and per-class sigmoid scores. Parameters: the fixed DFL
   * weights arange(regMax) ({@code name.dfl.weight}), not trained.
   */
  record Detect(int layer, String name, List<Integer> inputs, int output, int nc, int regMax,
      List<Integer> strides) implements Op {
    public Detect {
      inputs = List.copyOf(inputs);
      strides = List.copyOf(strides);
    }
  }
}
