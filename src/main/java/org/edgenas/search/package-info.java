/**
 * The search: a Jenetics NSGA-II over a {@link org.edgenas.space.SearchSpace} with device latency
 * budgets as constraints, driving the {@link org.edgenas.evaluation evaluation pipeline} and
 * checkpointing every generation into a {@link org.edgenas.run run folder}. It tells a
 * {@link org.edgenas.search.SearchListener} what happens and shows nothing itself. The only package
 * that imports Jenetics.
 */
package org.edgenas.search;
