/** Small types shared by every package: errors, atomic file writes, JSON setup. */
package org.edgenas.common;
