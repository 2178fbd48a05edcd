package org.edgenas.device;

/**
 * A file in the device's cache.
 *
 * @param remotePath absolute path on the device
 * @param sha256 hex digest of the content (the cache key)
 * @param size bytes
 * @param sent false when the device had it already and nothing was transferred
 */
public record UploadResult(String remotePath, String sha256, long size, boolean sent) {}
