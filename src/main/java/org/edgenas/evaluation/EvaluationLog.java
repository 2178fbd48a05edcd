package org.edgenas.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;

/**
 * {@code evaluations.jsonl}: append-only, one JSON object per line, each line forced to disk
 * before {@link #append} returns. Also the evaluation cache: evaluator answers by key and
 * candidate evaluations by hash, as read back on open. A torn last line (a kill mid-write) is
 * reported through {@link #repairedBytes()} and cut off; every complete line is kept.
 */
public final class EvaluationLog implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final Map<String, EvaluatorResult> results = new LinkedHashMap<>();
  private final Map<String, Evaluation> evaluations = new LinkedHashMap<>();
  private final long repairedBytes;

  private EvaluationLog(Path file) throws IOException {
    this.file = file;
    long good = 0;
    if (Files.exists(file)) {
      byte[] bytes = Files.readAllBytes(file);
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] != '\n') continue;
        String line = new String(bytes, start, i - start, StandardCharsets.UTF_8).strip();
        if (!line.isEmpty() && !accept(line)) break;
        start = i + 1;
        good = start;
      }
      repairedBytes = bytes.length - good;
    } else {
      repairedBytes = 0;
    }
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.truncate(good);
    channel.position(good);
  }

  public static EvaluationLog open(Path file) {
    try {
      return new EvaluationLog(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private boolean accept(String line) {
    try {
      JsonNode node = Json.mapper().readTree(line);
      String type = node.path("type").asText();
      ((ObjectNode) node).remove("type");
      if (type.equals("result")) {
        EvaluatorResult r = Json.mapper().treeToValue(node, EvaluatorResult.class);
        results.put(r.key(), r);
      } else if (type.equals("evaluation")) {
        Evaluation e = Json.mapper().treeToValue(node, Evaluation.class);
        evaluations.put(e.hash(), e); // the latest line of a hash wins (a surrogate estimate later proxy-trained)
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The candidate evaluations of a log, read without opening it for writing (a running search may
   * hold it): the latest line of each hash, in first-seen order. A last line without its newline
   * (a write in flight or torn by a kill) is left out; any other unreadable line is bad input
   * naming the file and the line. A missing file has none.
   */
  public static List<Evaluation> read(Path file) {
    if (!Files.exists(file)) return List.of();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
    Map<String, Evaluation> out = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) continue;
      boolean last = i == lines.length - 1;
      try {
        JsonNode node = Json.mapper().readTree(line);
        if (!node.path("type").asText().equals("evaluation")) continue;
        ((ObjectNode) node).remove("type");
        Evaluation e = Json.mapper().treeToValue(node, Evaluation.class);
        out.put(e.hash(), e);
      } catch (IOException | RuntimeException e) {
        if (last) break;
        throw BadInputException.at(file.toString(), i + 1, "not an evaluation line (" + e.getMessage().lines().findFirst().orElse("") + ")");
      }
    }
    return new ArrayList<>(out.values());
  }

  /** Bytes of a torn last line dropped on open (0 when the file ended cleanly). */
  public long repairedBytes() {
    return repairedBytes;
  }

  public synchronized Optional<EvaluatorResult> result(String key) {
    return Optional.ofNullable(results.get(key));
  }

  public synchronized Optional<Evaluation> evaluation(String hash) {
    return Optional.ofNullable(evaluations.get(hash));
  }

  public synchronized List<Evaluation> evaluations() {
    return new ArrayList<>(evaluations.values());
  }

  public synchronized Collection<EvaluatorResult> results() {
    return new ArrayList<>(results.values());
  }

  public synchronized void append(EvaluatorResult result) {
    write("result", result);
    results.put(result.key(), result);
  }

  /**
   * Appends a candidate's evaluation unless an equal one for its hash is already there; a new one
   * (a surrogate estimate later proxy-trained) replaces the old when read back.
   */
  public synchronized void append(Evaluation evaluation) {
    Evaluation known = evaluations.get(evaluation.hash());
    if (known != null && known.values().equals(evaluation.values()) && known.status().equals(evaluation.status())) return;
    write("evaluation", evaluation);
    evaluations.put(evaluation.hash(), evaluation);
  }

  /** Copies another run's evaluator answers into this cache (those whose key is new here); returns how many. */
  public int importResults(Path otherLog) {
    try (EvaluationLog other = open(otherLog)) {
      int n = 0;
      for (EvaluatorResult r : other.results()) {
        if (result(r.key()).isEmpty()) {
          append(r);
          n++;
        }
      }
      return n;
    }
  }

  private void write(String type, Object value) {
    ObjectNode node = Json.mapper().valueToTree(value);
    ObjectNode line = Json.mapper().createObjectNode().put("type", type);
    line.setAll(node);
    byte[] bytes = (Json.line(line) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) channel.write(buffer);
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
