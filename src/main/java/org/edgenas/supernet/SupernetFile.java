package org.edgenas.supernet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.edgenas.arch.ParamSpec;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;

/**
 * The supernet file, format {@code edgenas-supernet} version 2: the magic line, the version, the
 * {@link SupernetHeader} as JSON, a flag saying whether the AdamW state is present, then every
 * shared tensor (key, role, shape, float32 values and, with the flag and for trainable ones, the
 * two AdamW moments), then a CRC-32C of everything before it. A training's checkpoints keep the
 * moments (a resumed training continues exactly); the file of a finished training ({@link
 * SupernetHeader#complete}) leaves them out, a third of the size: whatever only reads weights needs
 * none, and a training continued with more planned steps starts them from zero. Version 1 files
 * (a flag per tensor instead of one per file) are read too. Written to a temporary file beside the
 * target and moved over it atomically, so a kill mid-write leaves the last complete file. Reading
 * checks the magic, the version, every length and the checksum; a damaged file is a {@link
 * BadInputException} naming it.
 */
public final class SupernetFile {
  static final String MAGIC = "edgenas-supernet\n";
  static final int VERSION = 2;
  /** Version 1: each tensor says whether its moments follow. */
  static final int VERSION_1 = 1;

  /** A supernet read back: what it was trained for and its weights. */
  public record Loaded(SupernetHeader header, SharedWeights weights) {}

  private SupernetFile() {}

  /** Writes the supernet, with its AdamW moments unless {@code header} says the training is complete. */
  public static void write(Path target, SupernetHeader header, SharedWeights weights) {
    boolean optimizer = !header.complete();
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        try (OutputStream file = Files.newOutputStream(tmp)) {
          CRC32C crc = new CRC32C();
          DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(file, 1 << 20), crc));
          out.write(MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          out.writeInt(VERSION);
          out.writeUTF(Json.line(header));
          out.writeBoolean(optimizer);
          out.writeInt(weights.tensors().size());
          for (var e : weights.tensors().entrySet()) {
            SharedWeights.Tensor t = e.getValue();
            out.writeUTF(e.getKey());
            out.writeUTF(t.role().name());
            int[] shape = t.shape();
            out.writeInt(shape.length);
            for (int d : shape) out.writeInt(d);
            floats(out, t.values);
            if (optimizer && t.role().trainable()) {
              // a tensor no update reached yet (e.g. continued from a file without moments) has zero moments
              floats(out, t.first != null ? t.first : new float[t.values.length]);
              floats(out, t.second != null ? t.second : new float[t.values.length]);
            }
          }
          out.flush();
          long sum = crc.getValue();
          out.writeLong(sum);
          out.flush();
        }
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the supernet " + target + ": " + e.getMessage(), e);
    }
  }

  /** Reads only the header (to check it before loading the weights); checks the magic and version. */
  public static SupernetHeader header(Path file) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      readVersion(in, file);
      return readHeader(in, file);
    } catch (EOFException e) {
      throw damaged(file, "it ends early");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read the supernet file (" + e.getMessage() + ")", e);
    }
  }

  public static Loaded read(Path file) {
    CRC32C crc = new CRC32C();
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 20), crc))) {
      int version = readVersion(in, file);
      SupernetHeader header = readHeader(in, file);
      boolean optimizer = version == VERSION && in.readBoolean();
      int count = in.readInt();
      if (count < 0 || count > 1_000_000) throw damaged(file, "it claims " + count + " tensors");
      SharedWeights weights = new SharedWeights();
      for (int i = 0; i < count; i++) {
        String key = in.readUTF();
        ParamSpec.Role role;
        try {
          role = ParamSpec.Role.valueOf(in.readUTF());
        } catch (IllegalArgumentException e) {
          throw damaged(file, "tensor " + key + " has an unknown role");
        }
        int rank = in.readInt();
        if (rank < 1 || rank > 8) throw damaged(file, "tensor " + key + " has rank " + rank);
        int[] shape = new int[rank];
        long n = 1;
        for (int d = 0; d < rank; d++) {
          shape[d] = in.readInt();
          if (shape[d] < 1) throw damaged(file, "tensor " + key + " has shape extent " + shape[d]);
          n *= shape[d];
        }
        if (n > 1 << 28) throw damaged(file, "tensor " + key + " claims " + n + " values");
        float[] values = floats(in, (int) n);
        float[] first = null, second = null;
        if (version == VERSION_1 ? in.readBoolean() : optimizer && role.trainable()) {
          first = floats(in, (int) n);
          second = floats(in, (int) n);
        }
        weights.put(key, shape, role, values, first, second);
      }
      long expected = crc.getValue();
      long stored = in.readLong();
      if (stored != expected) throw damaged(file, "its checksum does not match its content");
      if (in.read() != -1) throw damaged(file, "it has bytes after its checksum");
      return new Loaded(header, weights);
    } catch (EOFException e) {
      throw damaged(file, "it ends early");
    } catch (java.io.UTFDataFormatException e) {
      throw damaged(file, "a name in it is not valid text");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read the supernet file (" + e.getMessage() + ")", e);
    }
  }

  /** Checks the magic line and returns the format version (1 or 2). */
  private static int readVersion(DataInputStream in, Path file) throws IOException {
    byte[] magic = new byte[MAGIC.length()];
    in.readFully(magic);
    if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
      throw new BadInputException(file + ": not a supernet file (format edgenas-supernet expected)");
    }
    int version = in.readInt();
    if (version != VERSION && version != VERSION_1) {
      throw new BadInputException(file + ": supernet format version " + version + ", this edgenas reads versions " + VERSION_1 + " and " + VERSION);
    }
    return version;
  }

  private static SupernetHeader readHeader(DataInputStream in, Path file) throws IOException {
    try {
      return Json.mapper().readValue(in.readUTF(), SupernetHeader.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw damaged(file, "its header is not valid JSON");
    }
  }

  private static BadInputException damaged(Path file, String why) {
    return new BadInputException(file + ": the supernet file is damaged (" + why + "); train it again or restore a copy");
  }

  private static void floats(DataOutputStream out, float[] v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < v.length; ) {
      b.clear();
      while (i < v.length && b.remaining() >= 4) b.putFloat(v[i++]);
      out.write(b.array(), 0, b.position());
    }
  }

  private static float[] floats(DataInputStream in, int n) throws IOException {
    float[] v = new float[n];
    byte[] buf = new byte[1 << 16];
    ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; ) {
      int chunk = Math.min(buf.length / 4, n - i);
      in.readFully(buf, 0, chunk * 4);
      b.clear();
      for (int j = 0; j < chunk; j++) v[i++] = b.getFloat();
    }
    return v;
  }
}
