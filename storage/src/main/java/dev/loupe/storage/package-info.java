/**
 * The storage SPI: small single-purpose interfaces ({@link dev.loupe.storage.EventWriter},
 * {@link dev.loupe.storage.CheckpointStore}, {@link dev.loupe.storage.SessionQuery},
 * {@link dev.loupe.storage.EventQuery}, {@link dev.loupe.storage.ScreenshotQuery},
 * {@link dev.loupe.storage.Retention}) gathered by a {@link dev.loupe.storage.Storage} component,
 * their parameter and result records, and the session aggregation rules every backend shares.
 * Backends: {@code memory} (here), {@code sqlite} and {@code postgres} (their own modules), found
 * through {@link dev.loupe.storage.StorageProvider}.
 */
package dev.loupe.storage;
