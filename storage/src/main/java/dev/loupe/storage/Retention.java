package dev.loupe.storage;

/** Deletes what is older than the configured {@link RetentionPolicy}. */
public interface Retention {

  /**
   * Applies the policy as of {@code nowMicros}: events older than their category's retention,
   * screenshots older than the screenshot retention, and sessions whose last activity is older
   * than the longest retention. Works in bounded steps so that writes are never held up long.
   */
  RetentionResult apply(long nowMicros);
}
