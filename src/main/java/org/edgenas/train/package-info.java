/**
 * Proxy training with DJL (PyTorch engine): {@link org.edgenas.train.DjlNetwork} builds the
 * network of an {@link org.edgenas.arch.Network} as one block whose parameters carry the
 * {@link org.edgenas.arch.ParamSpec} names; {@link org.edgenas.train.DetectionLoss} is the
 * YOLOv8/11 loss (task-aligned assignment, CIoU, DFL, BCE); {@link org.edgenas.train.ProxyTrainer}
 * trains briefly under an {@link org.edgenas.profile.ProxySettings}. The only package that
 * imports DJL. Rule: inside the differentiated graph no DJL arithmetic takes a {@code Number}
 * ({@code x.mul(2f)}, {@code Activation.relu6}); constants come from
 * {@link org.edgenas.train.TorchArrays#scalar}, or a training stops being reproducible.
 */
package org.edgenas.train;
