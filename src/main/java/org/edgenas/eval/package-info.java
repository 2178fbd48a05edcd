/** Candidate evaluation: scoring a deployed ONNX model on a dataset split (COCO mAP). */
package org.edgenas.eval;
