package org.edgenas.recipe;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.edgenas.profile.DistillSettings;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.InitSettings;

/**
 * The files a recipe names that a run reads where they are instead of from a copy in its {@code
 * inputs/} (they can be large): the {@code supernet: PATH} file, the {@code init:} checkpoints of
 * the profile and of the {@code final:} profile, and the reference architectures each checkpoint is
 * matched against ({@code spaces/reference/*.yaml}, found beside the profile's folder or under the
 * working directory, neither of which is where a run's copy of the profile lies), and the
 * architecture of each profile's {@code compress.distill} teacher (found likewise). {@code run.json}
 * records each with its absolute path and SHA-256; a resumed run loads its copy of the recipe with
 * the recorded paths (the paths as written may not resolve from the copy), and a run that goes on
 * refuses a file whose bytes changed.
 *
 * @param located where the files of each kind are (one for a single file); a kind not in the map
 *     resolves as the recipe or profile writes it
 */
public record ExternalFiles(Map<Kind, List<Path>> located) {
  /** Resolve every file as written: a recipe loaded from its own place. */
  public static final ExternalFiles AS_WRITTEN = new ExternalFiles(Map.of());

  /** Which file: its key under {@code recipe} in {@code run.json} and how a message names it. */
  public enum Kind {
    SUPERNET("supernet", "the supernet file"),
    INIT("init", "the init: checkpoint"),
    FINAL_INIT("final_init", "the final: profile's init: checkpoint"),
    INIT_REFERENCES("init_references", "a reference architecture of the init: checkpoint"),
    FINAL_INIT_REFERENCES("final_init_references", "a reference architecture of the final: profile's init: checkpoint"),
    DISTILL_TEACHER("distill_teacher", "the compress.distill teacher's architecture"),
    FINAL_DISTILL_TEACHER("final_distill_teacher", "the final: profile's compress.distill teacher's architecture");

    private final String key;
    private final String what;

    Kind(String key, String what) {
      this.key = key;
      this.what = what;
    }

    public String key() {
      return key;
    }

    public String what() {
      return what;
    }
  }

  public ExternalFiles {
    Map<Kind, List<Path>> copy = new EnumMap<>(Kind.class);
    located.forEach((kind, files) -> copy.put(kind, List.copyOf(files)));
    located = java.util.Collections.unmodifiableMap(copy);
  }

  /** Where the single file of {@code kind} is; null to resolve it as written. */
  public Path get(Kind kind) {
    List<Path> files = located.get(kind);
    return files == null || files.isEmpty() ? null : files.getFirst();
  }

  /** Where the files of {@code kind} are (possibly none); null to find them as written. */
  public List<Path> all(Kind kind) {
    return located.get(kind);
  }

  /** The external files {@code recipe} reads, by kind, in kind order; a kind it does not name is absent. */
  public static Map<Kind, List<Path>> of(Recipe recipe) {
    Map<Kind, List<Path>> out = new EnumMap<>(Kind.class);
    if (recipe.supernet() != null) out.put(Kind.SUPERNET, List.of(recipe.supernet()));
    add(out, recipe.profile(), Kind.INIT, Kind.INIT_REFERENCES, Kind.DISTILL_TEACHER);
    if (recipe.finalProfile() != null) {
      add(out, recipe.finalProfile(), Kind.FINAL_INIT, Kind.FINAL_INIT_REFERENCES, Kind.FINAL_DISTILL_TEACHER);
    }
    return out;
  }

  /** The external files of {@code profile}: its init: checkpoint, their reference architectures and its distillation teacher. */
  private static void add(Map<Kind, List<Path>> out, EvaluatorProfile profile, Kind init, Kind references, Kind teacher) {
    InitSettings i = profile.init();
    if (i != null) {
      out.put(init, List.of(i.file()));
      out.put(references, i.references());
    }
    DistillSettings d = profile.compress().distill();
    if (d != null) out.put(teacher, List.of(d.teacherFile()));
  }
}
