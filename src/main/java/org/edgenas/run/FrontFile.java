package org.edgenas.run;

import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Measure;
import org.edgenas.evaluation.Score;
import org.edgenas.recipe.Objective;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.Json;
import org.edgenas.space.SearchSpace;

/**
 * {@code pareto/front.json}: the candidates of the run so far that no other successful candidate
 * dominates under {@link Score#dominance} (so the feasible front when any candidate is feasible),
 * sorted by hash. Each member carries its values with their kinds and methods.
 */
public record FrontFile(String format, int version, long generation, List<Objective> objectives, List<Member> members) {
  public static final String FORMAT = "edgenas-front";
  public static final int VERSION = 1;

  /** One model of the front. {@code choices} names each pick's option by its choice label. */
  public record Member(String hash, int[] picks, Map<String, String> choices, Map<String, Measure> values,
      boolean feasible, String feasibility, double violation, long generation) {
    public Member {
      picks = picks.clone();
    }

    @Override
    public int[] picks() {
      return picks.clone();
    }
  }

  public FrontFile {
    objectives = List.copyOf(objectives);
    members = List.copyOf(members);
  }

  /** The non-dominated successful evaluations, by hash. */
  public static List<Evaluation> front(List<Evaluation> all, List<Objective> objectives) {
    List<Evaluation> ok = all.stream().filter(Evaluation::ok).toList();
    List<Score> scores = ok.stream().map(e -> e.score(objectives)).toList();
    List<Evaluation> out = new ArrayList<>();
    for (int i = 0; i < ok.size(); i++) {
      boolean dominated = false;
      for (int j = 0; j < ok.size() && !dominated; j++) dominated = j != i && scores.get(j).dominance(scores.get(i)) > 0;
      if (!dominated) out.add(ok.get(i));
    }
    out.sort(Comparator.comparing(Evaluation::hash));
    return out;
  }

  public static FrontFile of(long generation, SearchSpace space, List<Objective> objectives, List<Evaluation> all) {
    List<Member> members = new ArrayList<>();
    for (Evaluation e : front(all, objectives)) {
      Map<String, String> choices = new LinkedHashMap<>();
      int[] picks = e.picks();
      for (int i = 0; i < picks.length; i++) {
        choices.put(space.choices().get(i).label(), String.valueOf(space.choices().get(i).options().get(picks[i])));
      }
      members.add(new Member(e.hash(), picks, choices, e.values(), e.feasible(), e.feasibility(), e.violation(), e.generation()));
    }
    return new FrontFile(FORMAT, VERSION, generation, objectives, members);
  }

  public void write(Path file) {
    AtomicFiles.writeString(file, Json.pretty(this));
  }

  /** Reads a front file; another format or version, or a malformed file, is bad input naming the file. */
  public static FrontFile read(Path file) {
    var node = RunFiles.readJson(file);
    RunFiles.checkFormat(file, node, FORMAT, VERSION);
    return RunFiles.convert(file, node, FrontFile.class);
  }
}
