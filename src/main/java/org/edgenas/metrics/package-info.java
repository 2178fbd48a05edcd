/**
 * Detection accuracy: COCO-style mAP with the exact semantics of pycocotools' {@code COCOeval}
 * for bounding boxes ({@link org.edgenas.metrics.CocoEvaluator}), COCO JSON reading and writing
 * ({@link org.edgenas.metrics.CocoJson}), and turning a YOLO model's raw output into detections
 * ({@link org.edgenas.metrics.DetectionDecoder}: confidence filter, class-aware NMS, letterbox undo).
 */
package org.edgenas.metrics;
