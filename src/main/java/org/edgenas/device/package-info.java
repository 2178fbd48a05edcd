/**
 * Edge devices over SSH: the inventory ({@code devices/*.yaml} to {@link org.edgenas.device.Device}),
 * the pinned-host-key {@link org.edgenas.device.SshTransport} (exec with quoted templates and
 * deadlines, content-addressed SFTP upload), and the {@link org.edgenas.device.DeviceProbe} that
 * fingerprints a device. Only this package imports JSch.
 */
package org.edgenas.device;
