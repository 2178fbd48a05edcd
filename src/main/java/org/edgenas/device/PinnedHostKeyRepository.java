package org.edgenas.device;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSchException;
import java.util.Base64;

/**
 * A host key repository that knows exactly one key, the device's pinned one, and never learns
 * another: {@link #add} does nothing. Used with {@code StrictHostKeyChecking=yes}, so any other key
 * aborts the connection. Remembers the key last offered, for the refusal message.
 */
final class PinnedHostKeyRepository extends NonLearningHostKeyRepository {
  private final PinnedHostKey pinned;
  private volatile String offeredFingerprint;

  PinnedHostKeyRepository(PinnedHostKey pinned) {
    this.pinned = pinned;
  }

  @Override
  public int check(String host, byte[] key) {
    offeredFingerprint = PinnedHostKey.fingerprintOf(key);
    return pinned.matches(key) ? OK : CHANGED;
  }

  /** The fingerprint of the key the server offered last, or null before any handshake. */
  String offeredFingerprint() {
    return offeredFingerprint;
  }

  /** True when the last handshake offered a key other than the pinned one. */
  boolean rejected() {
    String offered = offeredFingerprint;
    return offered != null && !offered.equals(pinned.fingerprint());
  }

  @Override
  public String getKnownHostsRepositoryID() {
    return "edgenas pinned host key";
  }

  /** The pinned key when its full blob is known, so JSch prefers that key type in negotiation. */
  @Override
  public HostKey[] getHostKey(String host, String type) {
    if (!pinned.hasKey() || (type != null && !type.equals(pinned.keyType()))) return new HostKey[0];
    try {
      return new HostKey[] {new HostKey(host == null ? "" : host, Base64.getDecoder().decode(pinned.keyBase64()))};
    } catch (JSchException e) {
      return new HostKey[0];
    }
  }
}
