/** Training a weight-sharing supernet with DJL: sampled paths (the sandwich rule or FairNAS strict fairness), shared AdamW, checkpoints. */
package org.edgenas.train.supernet;
