/**
 * Datasets: the Ultralytics YOLO format ({@link org.edgenas.data.YoloDataset}, checked by {@link
 * org.edgenas.data.DatasetChecker}), the built-in {@link org.edgenas.data.SyntheticDataset}, and
 * the training-side image pipeline ({@link org.edgenas.data.Letterbox}, {@link
 * org.edgenas.data.BatchSampler} producing {@link org.edgenas.data.ImageBatch}es).
 */
package org.edgenas.data;
