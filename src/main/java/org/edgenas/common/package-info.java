/**
 * Small types shared by every package: errors, atomic file writes, JSON setup, and {@link
 * org.edgenas.common.YamlDoc}, the one YAML reader of every user file (line numbers in every error,
 * unknown keys refused).
 */
package org.edgenas.common;
