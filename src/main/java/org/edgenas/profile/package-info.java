/**
 * Evaluator profiles ({@code evaluators/*.yaml}) as one typed value, {@link
 * org.edgenas.profile.EvaluatorProfile}, read once by {@link org.edgenas.profile.EvaluatorProfiles}:
 * the proxy-training settings ({@link org.edgenas.profile.ProxySettings}), the compression settings
 * ({@link org.edgenas.profile.CompressSettings}, {@link org.edgenas.profile.DistillSettings}) and
 * the latency protocol ({@link org.edgenas.latency.MeasurementProtocol}) and a supernet's settings
 * ({@link org.edgenas.profile.SupernetSettings}). Framework-free (no DJL,
 * no ONNX Runtime): a recipe carries its profile, and {@code train} and {@code eval} take the
 * sections they need. Depends on {@code common}, {@code arch} and {@code latency} only.
 */
package org.edgenas.profile;
