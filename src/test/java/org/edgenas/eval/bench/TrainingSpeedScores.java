package org.edgenas.eval.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.edgenas.profile.ProxySettings;
import org.edgenas.train.TrainingResult;

/**
 * A training-speed estimate (TSE; Ru et al., "Speedy performance estimation for neural architecture
 * search", 2021) read from the loss curves that {@code bench/proxy-fidelity.sh curves=FILE} writes: an
 * architecture's score is minus its mean training loss over the later tenths of a short training,
 * so a network that fits the same batches faster ranks higher, whether or not its mAP has left zero.
 * The scores become fidelity rows (the estimate in the {@code fast_map} column, {@code fast_map50}
 * NaN) so that {@code summarize=} and {@code pairs=} score them as any other estimate.
 */
final class TrainingSpeedScores {
  /** The columns of a curves line before its ten tenth-means: hash, profile, seed, steps, mAP50-95. */
  private static final int FIRST_TENTH = 5;

  private TrainingSpeedScores() {}

  /**
   * One training's line of a curves file: hash, profile, seed, steps, mAP50-95 of its model, then the
   * mean training loss over each tenth of the steps.
   */
  static String curveLine(String hash, ProxySettings p, double map, TrainingResult result) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%.4f", hash, p.name(), p.seed(), p.steps(), map));
    int steps = result.losses().length;
    for (int tenth = 0; tenth < 10; tenth++) {
      line.append(String.format(Locale.ROOT, "\t%.4f", result.meanLoss(steps * tenth / 10, steps * (tenth + 1) / 10)));
    }
    return line.toString();
  }

  /**
   * Minus the mean of each architecture's tenth-means {@code fromTenth} (1–10) to 10 in {@code curves}:
   * with {@code fromTenth} 6, the mean loss over the second half of the steps.
   */
  static Map<String, Double> read(Path curves, int fromTenth) throws IOException {
    if (fromTenth < 1 || fromTenth > 10) throw new IllegalArgumentException("from_tenth must be 1 to 10, was " + fromTenth);
    Map<String, Double> scores = new LinkedHashMap<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(curves)) {
      lineNo++;
      if (line.isBlank()) continue;
      String[] c = line.split("\t");
      if (c.length != FIRST_TENTH + 10) {
        throw new IllegalArgumentException(curves + " line " + lineNo + ": expected 15 tab-separated columns (hash, profile, seed,"
            + " steps, mAP50-95, the mean loss of each tenth of the steps), found " + c.length);
      }
      double sum = 0;
      for (int t = fromTenth; t <= 10; t++) sum += Double.parseDouble(c[FIRST_TENTH + t - 1]);
      if (scores.put(c[0], -sum / (11 - fromTenth)) != null) {
        throw new IllegalArgumentException(curves + " line " + lineNo + ": architecture " + c[0]
            + " appears twice; give one training per architecture (one seed, one profile) per file");
      }
    }
    return scores;
  }

  /**
   * The fidelity rows of {@code rows} (those of the run that wrote the curves) with the training-speed
   * score in place of the mAP estimate; rows without a curve are left out, a curve without a row is refused.
   */
  static List<String> asFidelityRows(List<String[]> rows, Map<String, Double> scores, Path curves) {
    Map<String, String[]> byHash = new LinkedHashMap<>();
    for (String[] r : rows) byHash.put(r[0], r);
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Double> s : scores.entrySet()) {
      String[] r = byHash.get(s.getKey());
      if (r == null) throw new IllegalArgumentException(curves + ": architecture " + s.getKey() + " has no row in the rows= files");
      String[] m = r.clone();
      m[4] = String.format(Locale.ROOT, "%.4f", s.getValue());
      m[5] = "NaN";
      out.add(String.join("\t", m));
    }
    return out;
  }
}
