/** Training a weight-sharing supernet with DJL: sampled paths, the sandwich rule, shared AdamW, checkpoints. */
package org.edgenas.train.supernet;
