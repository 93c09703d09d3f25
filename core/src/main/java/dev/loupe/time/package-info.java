/** Injected time: every TTL, retention and rate limit reads a {@link dev.loupe.time.Clock}. */
package dev.loupe.time;
