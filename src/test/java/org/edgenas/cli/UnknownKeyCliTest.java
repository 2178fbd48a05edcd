package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelt key in any file a user writes is refused through the CLI with exit 2, the file and
 * line of the key, and the keys that are allowed there; a {@code data.yaml}'s foreign keys only warn.
 */
class UnknownKeyCliTest {
  private static final String PROFILE = """
      proxy: {imgsz: 64, steps: 2, batch: 4, lr0: 0.01, lrf: 0.01, warmup_steps: 0, momentum: 0.9,
        weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1, seed: 0}
      compress: {finetune_steps: 1}
      latency: {repeats: 5}
      """;

  @TempDir Path root;

  @BeforeEach
  void project() throws IOException {
    for (String dir : new String[] {"spaces", "search", "evaluators", "devices"}) Files.createDirectories(root.resolve(dir));
    Files.copy(Path.of("spaces/tiny.yaml"), root.resolve("spaces/tiny.yaml"));
    Files.writeString(root.resolve("evaluators/p.yaml"), PROFILE);
    Files.writeString(root.resolve("devices/pi.yaml"),
        Files.readString(Path.of("devices/example-pi5.yaml.sample")).replace("name: example-pi5", "name: pi"));
  }

  /** A recipe with an accuracy objective, the profile, the device pi and {@code extra} lines appended. */
  private Path recipe(String extra) throws IOException {
    return Files.writeString(root.resolve("search/x.yaml"), """
        schema: 1
        space: spaces/tiny.yaml
        dataset: builtin:synthetic
        objectives:
          - {metric: map50_95, goal: max}
          - {metric: latency_ms, device: pi, goal: min}
        devices: {pi: {budget_ms: 20}}
        profile: evaluators/p.yaml
        population: 4
        generations: 1
        """ + extra);
  }

  private String refused(Path recipe) {
    String[] outErr = MainTest.runCapture(2, "search", recipe.toString(), "--results", root.resolve("results").toString(), "--quiet");
    assertEquals(1, outErr[1].lines().count(), "one sentence: " + outErr[1]);
    return outErr[1];
  }

  @Test
  void aRecipeKeyIsRefusedAtItsLine() throws IOException {
    String err = refused(recipe("seed: 3\nlatancy: 12\n"));
    assertTrue(err.contains("search/x.yaml:12: unknown key 'latancy'; allowed: schema, name, description, space, dataset,"), err);
  }

  @Test
  void aProfileKeyIsRefusedAtItsLine() throws IOException {
    Files.writeString(root.resolve("evaluators/p.yaml"), PROFILE + "compres:\n  finetune_steps: 3\n");
    String err = refused(recipe(""));
    assertTrue(err.contains("evaluators/p.yaml:5: unknown key 'compres'; allowed: proxy, compress, latency"), err);
    Files.writeString(root.resolve("evaluators/p.yaml"), PROFILE.replace("latency: {repeats: 5}", "latency: {repeat: 5}"));
    err = refused(recipe(""));
    assertTrue(err.contains("evaluators/p.yaml:4: unknown key 'latency.repeat'; allowed: warmup_iterations,"), err);
  }

  @Test
  void aSpaceKeyIsRefusedAtItsLine() throws IOException {
    Path space = root.resolve("spaces/tiny.yaml");
    Files.writeString(space, Files.readString(space).replace("imgsz: 64\n", "imgsz: 64\nimgsize: 64\n"));
    String err = refused(recipe(""));
    assertTrue(err.contains("spaces/tiny.yaml:7: unknown key 'imgsize'; allowed: schema, name, description, nc, imgsz,"), err);
  }

  @Test
  void aDeviceKeyIsRefusedAtItsLine() throws IOException {
    Path device = root.resolve("devices/pi.yaml");
    Files.writeString(device, Files.readString(device) + "cooldown: 5\n");
    long line = Files.readString(device).lines().count();
    String err = refused(recipe(""));
    assertTrue(err.contains("devices/pi.yaml:" + line + ": unknown key 'cooldown'; allowed: schema, name, host, port,"), err);
  }

  @Test
  void aDataYamlKeyOnlyWarnsAtItsLine() throws IOException {
    Path data = SyntheticDataset.generate(root.resolve("data"), new SynthOptions(4, 8, 4, 64, 1));
    Files.writeString(data, Files.readString(data) + "download: https://example.com/shapes.zip\n");
    long line = Files.readString(data).lines().count();
    String[] outErr = MainTest.runCapture(0, "dataset", "check", data.toString());
    assertTrue(outErr[1].contains("warning: " + data + ":" + line + ": unknown key 'download'; allowed: path, train, val, names, nc"
        + " (not read by edgenas: ignored)"), outErr[1]);
    // the same file named by a recipe: read with the recipe, the warning kept for the search to print
    Path recipe = Files.writeString(root.resolve("search/d.yaml"), Files.readString(recipe(""))
        .replace("dataset: builtin:synthetic", "dataset: data/data.yaml"));
    var loaded = org.edgenas.recipe.RecipeLoader.load(recipe);
    assertEquals(4, loaded.data().classCount());
    assertTrue(loaded.warnings().getFirst().contains("data.yaml:" + line + ": unknown key 'download'"), loaded.warnings().toString());
  }
}
