package org.edgenas.search;


import java.nio.file.Path;

/** The child JVM of {@link KillResumeTest}: runs a search with the slow probe until it is killed. */
public final class KillResumeChild {
  private KillResumeChild() {}

  public static void main(String[] args) {
    Search.start(Path.of(args[0]), Path.of(args[1]), TestProject.options(new TestProject.SlowProbe(Long.parseLong(args[2]))),
        SearchListener.SILENT);
  }
}
