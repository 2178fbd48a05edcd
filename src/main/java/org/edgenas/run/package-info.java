/**
 * The run folder {@code results/<run>/}: its files are written and read back by the types of this
 * package alone (the search writes them, export and report read them).
 * <ul>
 *   <li>{@code run.json}: the recipe (resolved), its hash, provenance (edgenas and Java versions,
 *       seed, device fingerprints); {@code inputs/} holds a copy of every input file.
 *   <li>{@code evaluations.jsonl}: append-only, fsync'd ({@link org.edgenas.evaluation.EvaluationLog}).
 *   <li>{@code checkpoints/gen-NNNN.json}: {@link org.edgenas.run.Checkpoint}, format
 *       {@code edgenas-checkpoint} version 1, written atomically.
 *   <li>{@code pareto/front.json}: {@link org.edgenas.run.FrontFile}, the current front.
 * </ul>
 */
package org.edgenas.run;
