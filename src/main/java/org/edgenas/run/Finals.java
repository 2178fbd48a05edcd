package org.edgenas.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.EvaluationLog;

/**
 * The standalone trainings of a run's front members after the search (the recipe's {@code final:}
 * profile): their answers in {@code final.jsonl}, an {@link EvaluationLog} like the baselines'.
 */
public final class Finals {
  private Finals() {}

  public static Path log(Path runDir) {
    return runDir.resolve("final.jsonl");
  }

  /** The latest final answer of each architecture by hash; none when the run trained none (yet). */
  public static Map<String, Evaluation> read(Path runDir) {
    Map<String, Evaluation> byHash = new LinkedHashMap<>();
    for (Evaluation e : EvaluationLog.read(log(runDir))) byHash.put(e.hash(), e);
    return byHash;
  }
}
