/**
 * Candidate evaluation, where the parts meet: {@link org.edgenas.eval.ProxyEvaluation} (train the
 * shared float parent with DJL, prune, fine-tune, export at the bit widths, score the exported ONNX
 * in ONNX Runtime), {@link org.edgenas.eval.OnnxValidator} (COCO mAP of a deployed model on a YOLO
 * split), and the search's measuring evaluators (proxy training, local and SSH-device latency)
 * assembled per recipe by {@link org.edgenas.eval.RecipeEvaluators}.
 */
package org.edgenas.eval;
