package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.supernet.SupernetFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edgenas supernet train} writes a finished supernet, does not train a finished one again,
 * and refuses with exit 2 to continue a supernet of another image size in the same folder.
 */
class SupernetCliTest {
  @Test
  void trainsThenReusesAndRefusesAnotherImageSize(@TempDir Path tmp) throws Exception {
    Path data = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 4, 64, 3));
    Path profile = Files.writeString(tmp.resolve("sn.yaml"), """
        proxy: {imgsz: 64, steps: 2, batch: 4, optimizer: adamw, lr0: 0.002, lrf: 0.01, warmup_steps: 1, warmup_bias_lr: 0.002,
                momentum: 0.9, weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1, seed: 0}
        supernet: {random_paths: 1, checkpoint_every: 1, bn_batches: 1}
        """);
    String[] args = {"supernet", "train", "spaces/tiny.yaml", "--data", data.toString(), "--profile", profile.toString(),
        "--out", tmp.resolve("sn").toString(), "--quiet"};
    String[] first = MainTest.runCapture(0, args);
    assertTrue(first[0].contains("supernet of tiny: 2 steps"), first[0]);
    Path file = tmp.resolve("sn/supernet.bin");
    assertEquals(2, SupernetFile.header(file).step());
    byte[] trained = Files.readAllBytes(file);
    String[] again = MainTest.runCapture(0, args);
    assertTrue(again[0].contains("complete (2 steps)"), again[0]);
    assertArrayEquals(trained, Files.readAllBytes(file));
    String[] other = java.util.Arrays.copyOf(args, args.length + 2);
    other[args.length] = "--imgsz";
    other[args.length + 1] = "96";
    String err = MainTest.runCapture(2, other)[1];
    assertTrue(err.contains(file + ": the supernet was trained for another task (imgsz: trained at 64 px, 96 px asked)"), err);
    assertArrayEquals(trained, Files.readAllBytes(file), "the refused file is left as it was");
  }
}
