package org.edgenas.eval;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Weights;
import org.edgenas.data.ImageCache;
import org.edgenas.data.YoloDataset;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.SupernetSettings;
import org.edgenas.supernet.PathSlices;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SupernetHeader;
import org.edgenas.supernet.SupernetSpace;
import org.edgenas.train.ProgressListener;
import org.edgenas.train.supernet.SupernetInheritance;

/**
 * Parents inherited from a trained supernet ({@link SupernetInheritance}: the path's slices,
 * BatchNorm statistics re-estimated on training batches, an optional short fine-tune), run on the
 * trainer thread as trainings are.
 */
public final class SupernetParents implements InheritedParents {
  private final Path file;
  private final SupernetHeader header;
  private final SupernetSettings settings;
  private final SupernetInheritance inheritance;
  private final java.util.function.Function<String, ProgressListener> progress;
  private final Map<String, Integer> untrained = new ConcurrentHashMap<>();

  /**
   * @param training the supernet profile's {@code proxy:} section at the supernet's image size
   * @param progress the progress listener of a fine-tune, by architecture hash
   */
  public SupernetParents(Path file, SupernetFile.Loaded supernet, SupernetSpace space, ProxySettings training,
      SupernetSettings settings, YoloDataset dataset, java.util.function.Function<String, ProgressListener> progress) {
    this(file, supernet, space, training, settings, dataset, progress, PathSlices.Initial.FRESH);
  }

  /** @param initial where shared tensors a candidate needs and the supernet lacks start from (its checkpoint, {@link Supernets#initial}) */
  public SupernetParents(Path file, SupernetFile.Loaded supernet, SupernetSpace space, ProxySettings training,
      SupernetSettings settings, YoloDataset dataset, java.util.function.Function<String, ProgressListener> progress,
      PathSlices.Initial initial) {
    this.file = file;
    this.header = supernet.header();
    this.settings = settings;
    this.progress = progress;
    ImageCache cache = new ImageCache();
    this.inheritance = new SupernetInheritance(space, supernet.weights(), settings, training,
        () -> new DatasetBatchSource(dataset.train(), training, cache), initial);
  }

  @Override
  public Weights parent(Architecture parent) {
    SupernetInheritance.Inherited in = LocalMachine.train(() -> inheritance.inherit(parent, progress.apply(parent.hash())));
    untrained.put(parent.hash(), in.untrainedTensors());
    return in.weights();
  }

  @Override
  public String describe(Architecture parent) {
    int fresh = untrained.getOrDefault(parent.hash(), 0);
    SupernetHeader.Init init = header.init();
    String from = init == null ? "" : String.format(Locale.ROOT, " from checkpoint %s (sha256 %s, %d/%d tensors transferred)", init.file(),
        init.sha256().substring(0, 16), init.transferred(), init.tensors());
    return String.format(Locale.ROOT, "supernet-inherited parent %s (supernet %s of %s, %d of %d %s steps at %d px%s%s, %s slicing;"
            + " BatchNorm statistics re-estimated on %d train batches%s%s)",
        parent.parentHash(), file.getFileName(), header.space(), header.step(), header.steps(),
        header.sampling() == null ? "sandwich" : "strictly fair (FairNAS) sampling", header.imgsz(), from,
        header.distill() == null ? "" : ", in-place distilled from the largest path (weight " + header.distill() + ")", header.importance(),
        settings.bnBatches(), settings.finetuneSteps() == 0 ? ""
            : String.format(Locale.ROOT, ", fine-tuned %d steps from %s × lr0", settings.finetuneSteps(), settings.finetuneLr()),
        fresh == 0 ? "" : "; " + fresh + " shared tensors it needs were never trained");
  }
}
