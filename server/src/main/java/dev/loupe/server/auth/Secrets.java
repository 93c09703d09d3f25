package dev.loupe.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random keys and tokens, and comparing secrets without leaking through timing. */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A random URL-safe token with the given prefix, e.g. {@code lp_admin_…} (256 bits). */
  public static String token(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  public static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether {@code candidate} is the secret whose SHA-256 is {@code expectedHash}. Hashing first
   * makes the comparison constant-time regardless of the candidate's length.
   */
  public static boolean matches(String candidate, byte[] expectedHash) {
    return candidate != null && MessageDigest.isEqual(sha256(candidate), expectedHash);
  }
}
