package org.edgenas.compress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.common.AtomicFiles;

/**
 * The on-disk format of a set of weights, little-endian throughout:
 * <pre>
 *   u32 len, "edgenas-weights"   format name (UTF-8)
 *   u32 version                  {@value #VERSION}
 *   u32 len, label               what the weights are (a parent key), checked on reading
 *   u32 count                    parameters, then per parameter:
 *     u32 len, name; u32 rank; rank × u32 dims; float32 × product(dims)
 *   u64 CRC-32C                  of every byte before it
 * </pre>
 * Written atomically ({@link AtomicFiles}); read whole and checked (checksum first, then every
 * length against the bytes left) before anything is returned, so a truncated or damaged file
 * raises {@link CorruptWeightsException} and is never half-loaded.
 */
public final class WeightsFile {
  public static final String FORMAT = "edgenas-weights";
  public static final int VERSION = 1;
  private static final int MAX_RANK = 8;

  private WeightsFile() {}

  /** Writes the parameters in spec order with the specs' shapes; every spec must have a value of its size. */
  public static void write(Path file, String label, List<ParamSpec> specs, Weights weights) {
    long size = 4 + FORMAT.length() + 4 + 4 + utf8(label).length + 4 + 8;
    for (ParamSpec p : specs) {
      float[] v = weights.get(p.name());
      if (v.length != p.size()) throw new IllegalArgumentException(p.name() + " has " + v.length + " values, shape " + p.shape() + " needs " + p.size());
      size += 4 + utf8(p.name()).length + 4 + 4L * p.shape().size() + 4L * v.length;
    }
    if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("weights too large for one file: " + size + " bytes");
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    putString(b, FORMAT);
    b.putInt(VERSION);
    putString(b, label);
    b.putInt(specs.size());
    for (ParamSpec p : specs) {
      putString(b, p.name());
      b.putInt(p.shape().size());
      for (int d : p.shape()) b.putInt(d);
      float[] v = weights.get(p.name());
      b.asFloatBuffer().put(v);
      b.position(b.position() + 4 * v.length);
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putLong(crc.getValue());
    AtomicFiles.write(file, b.array());
  }

  /** Reads a file written by {@link #write}; the label must match, the shapes must be {@code expected}'s when given. */
  public static Weights read(Path file, String label, List<ParamSpec> expected) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length < 8) throw new CorruptWeightsException(file, "truncated (" + bytes.length + " bytes)");
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 8);
    if (b.getLong(bytes.length - 8) != crc.getValue()) {
      throw new CorruptWeightsException(file, "checksum mismatch (truncated or damaged, " + bytes.length + " bytes)");
    }
    b.limit(bytes.length - 8);
    try {
      String format = getString(b, file);
      if (!format.equals(FORMAT)) throw new CorruptWeightsException(file, "format is '" + format + "', expected '" + FORMAT + "'");
      int version = b.getInt();
      if (version != VERSION) throw new CorruptWeightsException(file, "format version " + version + " is not supported (this build reads " + VERSION + ")");
      String stored = getString(b, file);
      if (!stored.equals(label)) throw new CorruptWeightsException(file, "holds '" + stored + "', expected '" + label + "'");
      Map<String, float[]> values = new LinkedHashMap<>();
      List<String> shapes = new ArrayList<>();
      int count = b.getInt();
      if (count < 0 || count > b.remaining() / 12) throw new CorruptWeightsException(file, "implausible parameter count " + count);
      for (int i = 0; i < count; i++) {
        String name = getString(b, file);
        int rank = b.getInt();
        if (rank < 0 || rank > MAX_RANK) throw new CorruptWeightsException(file, name + ": rank " + rank + " outside 0.." + MAX_RANK);
        long n = 1;
        List<Integer> dims = new ArrayList<>();
        for (int r = 0; r < rank; r++) {
          int d = b.getInt();
          if (d <= 0) throw new CorruptWeightsException(file, name + ": dimension " + d);
          dims.add(d);
          n *= d;
          if (n > b.remaining() / 4) throw new CorruptWeightsException(file, name + ": shape " + dims + " exceeds the file");
        }
        float[] v = new float[(int) n];
        b.asFloatBuffer().get(v);
        b.position(b.position() + 4 * v.length);
        if (values.put(name, v) != null) throw new CorruptWeightsException(file, "parameter " + name + " appears twice");
        shapes.add(name + dims);
      }
      if (b.hasRemaining()) throw new CorruptWeightsException(file, b.remaining() + " unexpected bytes after the parameters");
      if (expected != null) {
        List<String> want = expected.stream().map(p -> p.name() + p.shape()).toList();
        if (!want.equals(shapes)) throw new CorruptWeightsException(file, "parameters do not match the network (" + firstDifference(want, shapes) + ")");
      }
      return new Weights(values);
    } catch (BufferUnderflowException e) {
      throw new CorruptWeightsException(file, "ends inside a record");
    }
  }

  private static String firstDifference(List<String> want, List<String> got) {
    for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
      if (!want.get(i).equals(got.get(i))) return "expected " + want.get(i) + ", found " + got.get(i);
    }
    return "expected " + want.size() + " parameters, found " + got.size();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void putString(ByteBuffer b, String s) {
    byte[] u = utf8(s);
    b.putInt(u.length);
    b.put(u);
  }

  private static String getString(ByteBuffer b, Path file) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) throw new CorruptWeightsException(file, "string length " + n + " exceeds the file");
    byte[] u = new byte[n];
    b.get(u);
    return new String(u, StandardCharsets.UTF_8);
  }
}
