/**
 * Honest local latency: one measurement protocol ({@link org.edgenas.latency.MeasurementProtocol},
 * loaded from evaluator profiles by {@link org.edgenas.latency.MeasurementProtocols}), one set of
 * statistics ({@link org.edgenas.latency.LatencyStats}) and a probe that times an ONNX file with
 * ONNX Runtime Java on this machine ({@link org.edgenas.latency.LocalOrtProbe}). Every result
 * ({@link org.edgenas.latency.LatencyMeasurement}) carries its raw times, the protocol, a method
 * sentence and the {@link org.edgenas.latency.MachineFingerprint}. The device-side agent prints an
 * {@link org.edgenas.latency.AgentReport} as one JSON line.
 */
package org.edgenas.latency;
