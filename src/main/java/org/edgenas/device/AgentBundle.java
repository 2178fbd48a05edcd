package org.edgenas.device;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The jars the device agent ({@code org.edgenas.latency.AgentMain}) needs: edgenas itself and the
 * latency package's runtime libraries (ONNX Runtime, picocli, Jackson, SnakeYAML, SLF4J) — no DJL.
 * Each is found where this JVM loaded it from; when edgenas runs from a class folder (tests, an IDE)
 * that folder is packed into a reproducible jar (sorted entries, fixed times) so its content hash,
 * and so the device cache entry, stays the same from run to run.
 */
public final class AgentBundle {
  /** The agent's main class. */
  public static final String MAIN_CLASS = "org.edgenas.latency.AgentMain";
  private static final List<String> CLASSES = List.of(MAIN_CLASS,
      "ai.onnxruntime.OrtEnvironment", "picocli.CommandLine", "com.fasterxml.jackson.databind.ObjectMapper",
      "com.fasterxml.jackson.core.JsonFactory", "com.fasterxml.jackson.annotation.JsonProperty",
      "org.yaml.snakeyaml.Yaml", "org.slf4j.LoggerFactory");
  private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the zip epoch
  private static List<Path> cached;

  private AgentBundle() {}

  /** The local jar files to ship, in class-path order. */
  public static synchronized List<Path> jars() {
    if (cached == null) {
      Set<Path> jars = new LinkedHashSet<>();
      for (String name : CLASSES) jars.add(jarOf(name));
      cached = List.copyOf(jars);
    }
    return cached;
  }

  private static Path jarOf(String className) {
    try {
      Class<?> c = Class.forName(className, false, AgentBundle.class.getClassLoader());
      Path location = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isDirectory(location) ? packed(location) : location;
    } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("cannot find the jar of " + className + " for the device agent", e);
    }
  }

  /** The class folder as a reproducible jar in the temp folder. */
  static Path packed(Path classes) {
    try {
      Path jar = Files.createTempFile("edgenas-agent-", ".jar");
      jar.toFile().deleteOnExit();
      List<Path> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(classes)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
      try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Path f : files) {
          ZipEntry entry = new ZipEntry(classes.relativize(f).toString().replace('\\', '/'));
          entry.setTime(FIXED_TIME);
          zip.putNextEntry(entry);
          Files.copy(f, zip);
          zip.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + classes + " for the device agent: " + e.getMessage(), e);
    }
  }
}
