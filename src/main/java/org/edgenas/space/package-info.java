/**
 * Search-space files ({@code spaces/*.yaml}, schema 1): layers connected by name, each field fixed
 * or a {@link org.edgenas.space.Choice} with a stable label; {@link org.edgenas.space.SpaceLoader}
 * validates eagerly with file, line and field in every message; {@link
 * org.edgenas.space.SearchSpace#freeze} turns one pick per choice into an architecture. {@link
 * org.edgenas.common.YamlDoc} is the node-based YAML reader every loader of user files shares.
 */
package org.edgenas.space;
