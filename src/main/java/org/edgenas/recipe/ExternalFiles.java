package org.edgenas.recipe;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The files a recipe names that a run reads where they are instead of from a copy in its {@code
 * inputs/} (they can be large): the {@code supernet: PATH} file and the {@code init:} checkpoints of
 * the profile and of the {@code final:} profile. {@code run.json} records each with its absolute path
 * and SHA-256; a resumed run loads its copy of the recipe with the recorded paths (the paths as
 * written may not resolve from the copy), and a run that goes on refuses a file whose bytes changed.
 *
 * @param located where each file is; a kind not in the map resolves as the recipe or profile writes it
 */
public record ExternalFiles(Map<Kind, Path> located) {
  /** Resolve every file as written: a recipe loaded from its own place. */
  public static final ExternalFiles AS_WRITTEN = new ExternalFiles(Map.of());

  /** Which file: its key under {@code recipe} in {@code run.json} and how a message names it. */
  public enum Kind {
    SUPERNET("supernet", "the supernet file"),
    INIT("init", "the init: checkpoint"),
    FINAL_INIT("final_init", "the final: profile's init: checkpoint");

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
    located = Map.copyOf(located);
  }

  /** Where the file of {@code kind} is; null to resolve it as written. */
  public Path get(Kind kind) {
    return located.get(kind);
  }

  /** The external files {@code recipe} reads, by kind, in kind order; a kind it does not name is absent. */
  public static Map<Kind, Path> of(Recipe recipe) {
    Map<Kind, Path> out = new EnumMap<>(Kind.class);
    if (recipe.supernet() != null) out.put(Kind.SUPERNET, recipe.supernet());
    if (recipe.profile().init() != null) out.put(Kind.INIT, recipe.profile().init().file());
    if (recipe.finalProfile() != null && recipe.finalProfile().init() != null) out.put(Kind.FINAL_INIT, recipe.finalProfile().init().file());
    return out;
  }
}
