/**
 * A search recipe ({@code search/*.yaml}) loaded into one typed value: its objectives (metric,
 * device, goal), its devices with their latency budgets, and the rest of a search's settings.
 */
package org.edgenas.recipe;
