/**
 * The search: a Jenetics NSGA-II over a {@link org.edgenas.space.SearchSpace} with device latency
 * budgets as constraints, an evaluation pipeline with a persistent cache, and run folders that
 * checkpoint every generation and resume exactly. The only package that imports Jenetics.
 *
 * <p>Files of a run folder {@code results/<run>/} (the contract with {@code org.edgenas.results}):
 * <ul>
 *   <li>{@code run.json}: the recipe (resolved), its hash, provenance (edgenas and Java versions,
 *       seed, device fingerprints); {@code inputs/} holds a copy of every input file.
 *   <li>{@code evaluations.jsonl}: append-only, fsync'd. Lines with {@code "type": "result"} are one
 *       evaluator's answer for one architecture (the cache, keyed by {@code key}); lines with
 *       {@code "type": "evaluation"} are one candidate's {@link org.edgenas.search.Evaluation}.
 *   <li>{@code checkpoints/gen-NNNN.json}: {@link org.edgenas.search.Checkpoint}, format
 *       {@code edgenas-checkpoint} version 1, written atomically.
 *   <li>{@code pareto/front.json}: {@link org.edgenas.search.FrontFile}, the current front.
 * </ul>
 */
package org.edgenas.search;
