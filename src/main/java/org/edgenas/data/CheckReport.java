package org.edgenas.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The result of {@link DatasetChecker#check}: per-split counts and every problem found. {@link
 * #format} renders it for people: counts, then problems by kind with their count and up to three
 * examples each.
 */
public record CheckReport(DatasetSpec spec, List<SplitStats> splits, List<Problem> problems, boolean stoppedEarly) {
  /** How many examples of each kind {@link #format} shows. */
  public static final int EXAMPLES = 3;

  public CheckReport {
    splits = List.copyOf(splits);
    problems = List.copyOf(problems);
  }

  public long errorCount() {
    return problems.stream().filter(Problem::isError).count();
  }

  public long warningCount() {
    return problems.size() - errorCount();
  }

  /** Problem counts by kind, in the order of {@link ProblemKind}. */
  public Map<ProblemKind, Long> countsByKind() {
    return problems.stream().collect(Collectors.groupingBy(Problem::kind, () -> new EnumMap<>(ProblemKind.class), Collectors.counting()));
  }

  /** One sentence for the error stream, e.g. "3 errors (2 wrong column count, 1 unknown class index) and 1 warning". */
  public String summary() {
    StringJoiner kinds = new StringJoiner(", ");
    countsByKind().forEach((kind, n) -> {
      if (kind.isError()) kinds.add(n + " " + kind.title());
    });
    return plural(errorCount(), "error") + (errorCount() > 0 ? " (" + kinds + ")" : "")
        + " and " + plural(warningCount(), "warning") + (stoppedEarly ? ", stopped at the first error" : "");
  }

  /** The report for people, one line per fact. */
  public String format() {
    StringBuilder out = new StringBuilder();
    List<String> names = spec.names();
    out.append("dataset ").append(spec.yamlFile()).append(": ").append(names.size()).append(" classes, root ")
        .append(spec.root()).append('\n');
    for (SplitStats s : splits) {
      out.append(String.format("%s: %d images, %d label files, %d boxes%n", s.split(), s.images(), s.labelFiles(), s.boxes()));
      StringJoiner perClass = new StringJoiner(", ", "  per class: ", "\n");
      for (int c = 0; c < names.size(); c++) perClass.add(c + " " + names.get(c) + " " + s.perClass().get(c));
      out.append(perClass);
    }
    Map<ProblemKind, Long> counts = countsByKind();
    if (counts.isEmpty()) {
      out.append("no problems found\n");
      return out.toString();
    }
    out.append("problems:\n");
    counts.forEach((kind, n) -> {
      out.append(String.format("  %s %s: %d%n", kind.isError() ? "ERROR" : "WARNING", kind.title(), n));
      problems.stream().filter(p -> p.kind() == kind).limit(EXAMPLES)
          .forEach(p -> out.append("    ").append(p.split()).append(": ").append(p.message()).append('\n'));
    });
    out.append("result: ").append(summary()).append('\n');
    return out.toString();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
