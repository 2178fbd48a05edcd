/**
 * The architecture model: {@link org.edgenas.arch.Architecture} (named layers connected by name),
 * the typed block registry {@link org.edgenas.arch.Blocks}, and the lowering of every block to a
 * small set of primitive {@link org.edgenas.arch.Op}s with inferred shapes
 * ({@link org.edgenas.arch.Network}). No framework is used here.
 */
package org.edgenas.arch;
