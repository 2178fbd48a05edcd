/**
 * Pure parsers for the output of device-side tools: trtexec (summary and {@code --exportTimes}
 * JSON), onnxruntime_perf_test, tegrastats, nvpmodel and vcgencmd. Each returns a record or throws
 * {@link org.edgenas.device.tools.DeviceOutputException} naming the tool and what was missing.
 */
package org.edgenas.device.tools;
