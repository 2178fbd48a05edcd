/**
 * Proxy training with DJL (PyTorch engine): {@link org.edgenas.train.DjlNetwork} builds the
 * network of an {@link org.edgenas.arch.Network} as one block whose parameters carry the
 * {@link org.edgenas.arch.ParamSpec} names; {@link org.edgenas.train.DetectionLoss} is the
 * YOLOv8/11 loss (task-aligned assignment, CIoU, DFL, BCE); {@link org.edgenas.train.ProxyTrainer}
 * trains briefly under an {@link org.edgenas.train.EvaluatorProfile}. The only package that
 * imports DJL.
 */
package org.edgenas.train;
