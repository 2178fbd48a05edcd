/**
 * Edge devices over SSH: the inventory ({@code devices/*.yaml} to {@link org.edgenas.device.Device}),
 * the pinned-host-key {@link org.edgenas.device.SshTransport} (exec with quoted templates and
 * deadlines, content-addressed SFTP upload), the {@link org.edgenas.device.DeviceProbe} that
 * fingerprints a device, the runners of each runtime ({@link org.edgenas.device.AgentRunner},
 * {@link org.edgenas.device.OrtPythonRunner}, {@link org.edgenas.device.TrtexecRunner}), the
 * {@link org.edgenas.device.DeviceLatencyProbe} that applies the measurement protocol on a device and
 * returns a {@link org.edgenas.device.RemoteMeasurement}, and the {@link org.edgenas.device.DevicePool}
 * that measures on several devices at once with retries and quarantine. Only this package imports JSch.
 */
package org.edgenas.device;
