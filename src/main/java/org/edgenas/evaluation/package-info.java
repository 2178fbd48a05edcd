/**
 * The evaluation API, apart from any search engine: a {@link org.edgenas.evaluation.Candidate}
 * (one architecture to evaluate), {@link org.edgenas.evaluation.Evaluator}s that answer metrics as
 * {@link org.edgenas.evaluation.Measure}s (value, kind, method), the
 * {@link org.edgenas.evaluation.EvaluationPipeline} that runs them with a persistent cache
 * ({@link org.edgenas.evaluation.EvaluationLog}), and the merged
 * {@link org.edgenas.evaluation.Evaluation} of one candidate with its
 * {@link org.edgenas.evaluation.Score} (the one dominance rule).
 */
package org.edgenas.evaluation;
