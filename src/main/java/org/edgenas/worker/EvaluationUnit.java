package org.edgenas.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.edgenas.arch.Architecture;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.BadInputException;
import org.edgenas.common.EdgenasVersion;
import org.edgenas.common.Sha256;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.CandidateModels;
import org.edgenas.eval.ProxyEvaluation;
import org.edgenas.eval.ProxyEvaluator;
import org.edgenas.eval.TrainingKeys;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.EvaluatorResult;
import org.edgenas.evaluation.Measure;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.train.ProgressListener;

/**
 * One evaluation unit: runs an {@link EvaluationRequest} with the search's own proxy evaluator
 * ({@link ProxyEvaluator} over {@link ProxyEvaluation}) and writes {@code result.json} and {@code
 * model.onnx} into an output folder. Idempotent: when the folder already holds the result of the
 * same request with intact artifacts, that result is returned and nothing is trained. A request of
 * another edgenas version or for a dataset whose copy here differs is refused ({@link Refusal}).
 * Trained parents are shared through {@code WORK/parents}, as the search shares them in a run folder.
 */
public final class EvaluationUnit {
  public static final String RESULT = "result.json";
  public static final String MODEL = "model.onnx";
  public static final String REQUEST = "request.json";

  /** A request this worker must not run (another version, another copy of the dataset). */
  public static final class Refusal extends RuntimeException {
    public Refusal(String message) {
      super(message);
    }
  }

  private record Dataset(YoloDataset dataset, Path dataYaml, String fingerprint) {}

  private final Path work;
  private final ParentStore parents;
  private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();

  public EvaluationUnit(Path work) {
    this.work = work.toAbsolutePath().normalize();
    this.parents = new ParentStore(this.work.resolve("parents"), 8);
  }

  /** {@code host/pid} of this process, as results name their worker. */
  public static String workerName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    return host + "/" + ProcessHandle.current().pid();
  }

  /** The result already in {@code out} for this request, with intact artifacts; null when there is none. */
  public static EvaluationResult existing(EvaluationRequest request, Path out) {
    Path file = out.resolve(RESULT);
    if (!Files.isRegularFile(file)) return null;
    try {
      EvaluationResult r = EvaluationResult.read(file);
      boolean same = r.requestDigest().equals(request.digest());
      return same && r.artifacts().stream().allMatch(Artifacts::intact) ? r : null;
    } catch (BadInputException e) {
      return null;
    }
  }

  /** Runs {@code request} into {@code out} (or returns the result already there), telling {@code progress} of each training step. */
  public EvaluationResult run(EvaluationRequest request, Path out, ProgressListener progress) {
    EvaluationResult done = existing(request, out);
    if (done != null) return done;
    checkVersion(request);
    Dataset data = dataset(request);
    if (!data.fingerprint().equals(request.datasetFingerprint())) {
      throw new Refusal("worker " + workerName() + ": dataset " + request.dataset() + " has fingerprint " + data.fingerprint()
          + " here but " + request.datasetFingerprint() + " on the driver (another copy of the dataset?); refused");
    }
    EvaluatorProfile profile = EvaluatorProfiles.load(profileFile(request));
    String profileHash = TrainingKeys.profileHash(profile, request.imgsz());
    if (!profileHash.equals(request.profileHash())) {
      throw new BadInputException("request for " + request.hash() + ": profileHash is " + request.profileHash()
          + " but its profileText at imgsz " + request.imgsz() + " hashes to " + profileHash + " on worker " + workerName()
          + " (the init: checkpoint, its reference architectures or the distill teacher this worker reads differ from the driver's?)");
    }
    Architecture arch = architecture(request, out);
    AtomicFiles.writeString(out.resolve(REQUEST), request.toJson());
    Path scratch = out.resolve("work");
    ProxyEvaluation evaluation = new ProxyEvaluation(data.dataset(), profile.requireProxy().withImgsz(request.imgsz()), profileHash,
        data.fingerprint(), profile.compress(), request.masterSeed(), parents, new CandidateModels(scratch), progress);
    ProxyEvaluator evaluator = new ProxyEvaluator(evaluation, TrainingKeys.withSeed(profileHash, request.masterSeed()));
    long t0 = System.nanoTime();
    EvaluatorResult answer;
    List<EvaluationResult.Artifact> artifacts = List.of();
    try {
      Map<String, Measure> values = evaluator.evaluate(new Candidate(new int[0], arch, request.imgsz(), Candidate.seedFor(request.masterSeed(), arch.hash())));
      answer = new EvaluatorResult(request.key(), evaluator.name(), request.hash(), EvaluatorResult.OK, null, values, seconds(t0));
      Path model = out.resolve(MODEL);
      Files.copy(CandidateModels.deployedFile(scratch, arch.hash()), model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      artifacts = List.of(Artifacts.describe(MODEL, model));
    } catch (java.util.concurrent.CancellationException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      answer = new EvaluatorResult(request.key(), evaluator.name(), request.hash(), EvaluatorResult.FAILED, reason, Map.of(), seconds(t0));
    }
    deleteTree(scratch);
    EvaluationResult result = EvaluationResult.of(request.digest(), EdgenasVersion.current(), workerName(), answer, artifacts);
    result.write(out.resolve(RESULT));
    return result;
  }

  private static void checkVersion(EvaluationRequest request) {
    if (!EdgenasVersion.current().equals(request.edgenasVersion())) {
      throw new Refusal("worker " + workerName() + " runs edgenas " + EdgenasVersion.current() + " but the driver runs "
          + request.edgenasVersion() + ": start workers of the driver's version; refused");
    }
  }

  private Dataset dataset(EvaluationRequest request) {
    return datasets.computeIfAbsent(request.dataset(), ref -> {
      Path yaml = ref.equals(org.edgenas.recipe.Recipe.SYNTHETIC)
          ? SyntheticDataset.ensureBuiltin(SyntheticDataset.defaultCacheDir(), SynthOptions.defaults()) : Path.of(ref);
      if (!Files.isRegularFile(yaml)) throw new Refusal("worker " + workerName() + ": dataset " + ref + " does not exist here; refused");
      YoloDataset d = YoloDataset.load(yaml, BadEntryPolicy.SKIP);
      return new Dataset(d, yaml, TrainingKeys.datasetFingerprint(yaml, d));
    });
  }

  /** The profile text as a file named as on the driver (its name shows in the method text), one folder per content. */
  private Path profileFile(EvaluationRequest request) {
    String name = Path.of(request.profileName()).getFileName().toString();
    String sha = Sha256.hex(request.profileText().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    Path file = work.resolve("profiles").resolve(sha).resolve(name);
    if (!Files.isRegularFile(file)) AtomicFiles.writeString(file, request.profileText());
    return file;
  }

  private static Architecture architecture(EvaluationRequest request, Path out) {
    Path file = out.resolve("architecture.yaml");
    AtomicFiles.writeString(file, request.architecture());
    SearchSpace space = SpaceLoader.load(file);
    Architecture arch = space.freeze(space.defaultPicks());
    if (!arch.hash().equals(request.hash())) {
      throw new BadInputException("request for " + request.hash() + ": its architecture hashes to " + arch.hash());
    }
    return arch;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
