/** The exact cost model: parameters, FLOPs (Ultralytics convention), activation memory, weight bytes. */
package org.edgenas.cost;
