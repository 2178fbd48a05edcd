package org.edgenas.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.edgenas.arch.Architecture;
import org.edgenas.common.Json;
import org.edgenas.cost.CostModel;
import org.edgenas.cost.CostReport;
import org.edgenas.cost.CostTable;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgenas inspect FILE}: an Ultralytics-style model summary, or sampled architectures of a space. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Print an architecture's per-layer params, GFLOPs and output shapes, with totals.",
      "With --sample N, print N sampled architectures of a search space with their costs instead."
    })
public final class InspectCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A space or architecture file (spaces/*.yaml).")
  Path file;

  @Option(names = "--imgsz", description = "Image size (multiple of 32); default: the file's imgsz.")
  Integer imgsz;

  @Option(names = "--nc", description = "Number of classes, overriding the file's nc.")
  Integer nc;

  @Option(names = "--fused", description = "Show fused figures (BatchNorm and re-parameterisable branches folded).")
  boolean fused;

  @Option(names = "--sample", paramLabel = "N", description = "Sample N architectures of the space and print their costs.")
  Integer sample;

  @Option(names = "--seed", description = "Seed for --sample (default ${DEFAULT-VALUE}).", defaultValue = "0")
  long seed;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (nc != null && nc < 1) throw new org.edgenas.common.BadInputException("--nc must be at least 1, was " + nc);
    SearchSpace space = SpaceLoader.load(file, nc == null ? 0 : nc);
    int size = imgsz == null ? space.imgsz() : imgsz;
    if (size < 32 || size % 32 != 0) throw new org.edgenas.common.BadInputException("--imgsz must be a positive multiple of 32, was " + size);
    if (sample != null) {
      if (sample < 1) throw new org.edgenas.common.BadInputException("--sample must be at least 1, was " + sample);
      printSamples(out, space, size);
      return Main.OK;
    }
    Architecture arch = space.freeze(space.defaultPicks());
    CostReport cost = CostModel.of(arch, size);
    if (json) {
      out.print(Json.pretty(CostTable.toJson(cost)));
    } else {
      if (!space.choices().isEmpty()) {
        out.printf("%s is a search space: %d choices, %s architectures; showing the default picks (first option of each).%n",
            file, space.choices().size(), CostTable.count(space.size()));
      }
      out.print(CostTable.render(cost, fused));
    }
    return Main.OK;
  }

  private void printSamples(java.io.PrintWriter out, SearchSpace space, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < sample; i++) {
      int[] picks = space.samplePicks(random);
      Architecture arch = space.freeze(picks);
      CostReport c = CostModel.of(arch, size);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("hash", arch.hash());
      row.put("picks", picks);
      row.put("params", fused ? c.paramsFused() : c.params());
      row.put("gflops", fused ? c.gflopsFused() : c.gflops());
      row.put("peak_activation_bytes", c.peakActivationBytes());
      row.put("weight_bytes", c.weightBytes());
      row.put("choices", arch.provenance().entrySet().stream()
          .filter(e -> e.getKey().startsWith("choice.")).map(e -> e.getKey().substring(7) + "=" + e.getValue()).toList());
      rows.add(row);
    }
    if (json) {
      out.print(Json.pretty(Map.of("space", space.file(), "imgsz", size, "seed", seed, "samples", rows)));
      return;
    }
    out.printf("%d architectures sampled from %s (seed %d, imgsz %d)%n", sample, space.file(), seed, size);
    out.printf("%4s  %-16s %12s %8s %10s %10s  %s%n", "#", "hash", fused ? "params(fused)" : "params", "GFLOPs", "peak act", "weights", "blocks");
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = rows.get(i);
      @SuppressWarnings("unchecked")
      List<String> choices = (List<String>) r.get("choices");
      String blocks = String.join(" ", choices.stream().filter(s -> s.contains(".block=") || s.startsWith("scale=") || s.startsWith("afpn="))
          .map(s -> s.replace(".block=", ":")).toList());
      out.printf("%4d  %-16s %,12d %8.2f %8.2fMB %8.2fMB  %s%n", i, r.get("hash"), (Long) r.get("params"), (Double) r.get("gflops"),
          (Long) r.get("peak_activation_bytes") / 1e6, (Long) r.get("weight_bytes") / 1e6, blocks);
    }
  }
}
