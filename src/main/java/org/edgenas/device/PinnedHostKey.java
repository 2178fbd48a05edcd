package org.edgenas.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The host key a device must present: either a full public key line ({@code ssh-ed25519 AAAA...})
 * or only its OpenSSH SHA256 fingerprint ({@code SHA256:...}, base64 without padding of the SHA-256
 * of the key blob). {@code keyType} and {@code keyBase64} are null for a fingerprint-only pin.
 */
public record PinnedHostKey(String keyType, String keyBase64, String fingerprint) {
  private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");
  private static final Pattern KEY_TYPE = Pattern.compile("(ssh|ecdsa|sk)-[a-z0-9@.-]+");

  public PinnedHostKey {
    if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
      throw new IllegalArgumentException(
          "a host key fingerprint must look like SHA256:<43 base64 characters>, was '" + fingerprint + "'");
    }
    if ((keyType == null) != (keyBase64 == null)) {
      throw new IllegalArgumentException("a pinned host key needs both its type and its base64 blob");
    }
    if (keyBase64 != null && !fingerprint.equals(fingerprintOf(Base64.getDecoder().decode(keyBase64)))) {
      throw new IllegalArgumentException("the fingerprint " + fingerprint + " does not belong to the pinned key");
    }
  }

  /** Parses {@code "ssh-ed25519 AAAA... [comment]"} or {@code "SHA256:..."}. */
  public static PinnedHostKey parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.startsWith("SHA256:")) return new PinnedHostKey(null, null, t);
    String[] parts = t.split("\\s+");
    if (parts.length < 2 || !KEY_TYPE.matcher(parts[0]).matches()) {
      throw new IllegalArgumentException(
          "host_key must be a public key line 'ssh-ed25519 AAAA...' or a fingerprint 'SHA256:...', was '"
              + abbreviate(t) + "'");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("host_key blob is not base64: '" + abbreviate(parts[1]) + "'", e);
    }
    String typeInBlob = blobKeyType(blob);
    if (!parts[0].equals(typeInBlob)) {
      throw new IllegalArgumentException(
          "host_key says type " + parts[0] + " but its blob holds a key of type '" + typeInBlob + "'");
    }
    return new PinnedHostKey(parts[0], parts[1], fingerprintOf(blob));
  }

  /** The pin for a key blob as offered by a server. */
  public static PinnedHostKey ofBlob(byte[] blob) {
    return new PinnedHostKey(blobKeyType(blob), Base64.getEncoder().encodeToString(blob), fingerprintOf(blob));
  }

  /** The OpenSSH fingerprint: {@code SHA256:} + unpadded base64 of SHA-256 over the key blob. */
  public static String fingerprintOf(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Whether the offered key blob is the pinned one. */
  public boolean matches(byte[] offeredBlob) {
    return fingerprint.equals(fingerprintOf(offeredBlob));
  }

  /** Whether the full key is known (not only its fingerprint). */
  public boolean hasKey() {
    return keyBase64 != null;
  }

  /** The value as written into a device file. */
  public String toYamlValue() {
    return hasKey() ? keyType + " " + keyBase64 : fingerprint;
  }

  /** The key type written at the start of an SSH key blob (a length-prefixed string). */
  static String blobKeyType(byte[] blob) {
    if (blob.length < 4) return "";
    int len = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
    if (len <= 0 || len > 64 || len + 4 > blob.length) return "";
    return new String(blob, 4, len, StandardCharsets.US_ASCII);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
