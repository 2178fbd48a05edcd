/**
 * Where proxy evaluations run besides the search's own process: one evaluation unit ({@link
 * org.edgenas.worker.EvaluationUnit}, {@code edgenas evaluate}) with versioned request and result
 * JSON, worker processes of this machine ({@link org.edgenas.worker.LocalWorkers}, a recipe's {@code
 * workers:}) and the workers of a Temporal cluster ({@link org.edgenas.worker.TemporalBackend} in the
 * driver, {@link org.edgenas.worker.ClusterWorker} on each machine, a recipe's {@code cluster:}).
 * Only this package imports the Temporal SDK.
 */
package org.edgenas.worker;
