package org.edgenas.worker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.edgenas.eval.CandidateModels;
import org.edgenas.eval.LocalMachine;
import org.edgenas.eval.ProxyEvaluator;
import org.edgenas.eval.TrainingKeys;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.results.SpaceWriter;
import org.edgenas.train.ProgressListener;

/**
 * The search's proxy evaluator with the work sent to an {@link EvaluationBackend}: the same name,
 * metrics and profile hash as the in-process {@link ProxyEvaluator}, so the cache keys, the
 * answers and the run folder are the same whichever backend trained. The deployed model is
 * fetched from the artifact store (its SHA-256 checked) into the run's models folder. While
 * workers of this machine train, the local latency lock is held, as for an in-process training.
 * It owns its backend and closes it with itself.
 */
public final class DelegatedProxyEvaluator implements Evaluator {
  /** The request's fields that are the same for every candidate of a search. */
  public record Template(String edgenasVersion, long masterSeed, String dataset, String datasetFingerprint, String profileName,
      String profileText, String profileHash) {
    EvaluationRequest request(Candidate c) {
      return EvaluationRequest.of(edgenasVersion, c.hash(), SpaceWriter.toYaml(c.architecture()), c.imgsz(), masterSeed, dataset,
          datasetFingerprint, profileName, profileText, profileHash);
    }
  }

  /** A candidate the backend could not evaluate (the reason as the worker gave it). */
  public static final class RemoteFailure extends RuntimeException {
    public RemoteFailure(String message) {
      super(message);
    }
  }

  private final Template template;
  private final EvaluationBackend backend;
  private final CandidateModels models;
  private final Consumer<String> log;
  private final Function<String, ProgressListener> training;

  /** @param training the progress listener of a candidate's training, by architecture hash, where the backend reports steps */
  public DelegatedProxyEvaluator(Template template, EvaluationBackend backend, CandidateModels models, Consumer<String> log,
      Function<String, ProgressListener> training) {
    this.template = template;
    this.backend = backend;
    this.models = models;
    this.log = log;
    this.training = training;
  }

  @Override
  public String name() {
    return "proxy-train";
  }

  @Override
  public Set<String> metrics() {
    return ProxyEvaluator.METRICS;
  }

  @Override
  public String profileHash() {
    return TrainingKeys.withSeed(template.profileHash(), template.masterSeed());
  }

  @Override
  public String deviceFingerprint() {
    return "none";
  }

  @Override
  public boolean trains() {
    return true;
  }

  /** {@link Evaluator#REMOTE}: the backend trains, this thread only waits, so as many wait as the backend takes. */
  @Override
  public String queue() {
    return REMOTE;
  }

  public EvaluationBackend backend() {
    return backend;
  }

  /** Closes the backend (worker processes stop; a cluster's workflow worker in this driver stops). */
  @Override
  public void close() {
    backend.close();
  }

  @Override
  public Map<String, Measure> evaluate(Candidate candidate) throws Exception {
    EvaluationRequest request = template.request(candidate);
    ProgressListener progress = training.apply(candidate.hash());
    EvaluationResult result = backend.onThisMachine() ? LocalMachine.whileTraining(() -> await(backend.submit(request, progress)))
        : await(backend.submit(request, progress));
    if (!result.result().ok()) throw new RemoteFailure(result.result().reason());
    EvaluationResult.Artifact model = result.artifact(EvaluationUnit.MODEL);
    if (model == null) throw new RemoteFailure("the result of " + request.digest() + " names no " + EvaluationUnit.MODEL);
    Artifacts.fetch(model, models.dir().resolve(candidate.hash() + "-deployed.onnx"));
    if (result.attempt() > 1) {
      log.accept("evaluation of " + candidate.hash() + " succeeded on attempt " + result.attempt() + " (worker " + result.worker() + ")");
    }
    Map<String, Measure> values = new java.util.TreeMap<>(result.result().values());
    Measure seconds = values.get("train_seconds");
    if (seconds != null) {
      values.put("train_seconds", new Measure(seconds.value(), Kind.MEASURED, seconds.method() + " on worker " + result.worker()
          + (result.attempt() > 1 ? ", attempt " + result.attempt() + " (earlier attempts lost with their worker)" : "")));
    }
    return values;
  }

  private static EvaluationResult await(CompletableFuture<EvaluationResult> future) throws Exception {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw e;
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof CancellationException c) throw c;
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Exception x) throw x;
      if (cause instanceof Error err) throw err;
      throw e;
    }
  }

  /** The template of a search with master seed {@code masterSeed} whose dataset is {@code dataset} (as a worker finds it) and profile {@code profile}. */
  public static Template template(String edgenasVersion, long masterSeed, String dataset, String datasetFingerprint, Path profile,
      String profileHash) {
    try {
      return new Template(edgenasVersion, masterSeed, dataset, datasetFingerprint, profile.getFileName().toString(),
          java.nio.file.Files.readString(profile), profileHash);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + profile, e);
    }
  }
}
