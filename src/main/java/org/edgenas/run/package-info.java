/**
 * The run folder {@code results/<run>/}: its files are written and read back by the same types
 * (the search writes them; {@link org.edgenas.run.Run#read} reads them for export and report).
 * Every reader refuses a format or version it does not know, naming the file.
 * <ul>
 *   <li>{@code run.json}: {@link org.edgenas.run.RunRecord}, the recipe (resolved), its hash,
 *       provenance (edgenas and Java versions, seed, device fingerprints); {@code inputs/} holds a
 *       copy of every input file.
 *   <li>{@code evaluations.jsonl}: append-only, fsync'd ({@link org.edgenas.evaluation.EvaluationLog}).
 *   <li>{@code baselines.jsonl}, {@code baselines.json}: the recipe's reference architectures
 *       evaluated after the search ({@link org.edgenas.run.Baselines}).
 *   <li>{@code final.jsonl}: the standalone trainings of the front members with the recipe's
 *       {@code final:} profile after the search ({@link org.edgenas.run.Finals}); their models in {@code final/models/}.
 *   <li>{@code checkpoints/gen-NNNN.json}: {@link org.edgenas.run.Checkpoint}, format
 *       {@code edgenas-checkpoint} version 1, written atomically.
 *   <li>{@code pareto/front.json}: {@link org.edgenas.run.FrontFile}, the current front.
 * </ul>
 */
package org.edgenas.run;
