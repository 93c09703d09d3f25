package dev.loupe.storage;

import dev.loupe.blob.BlobStore;
import dev.loupe.drop.Drops;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.time.Clock;
import java.util.ServiceLoader;

/**
 * One storage backend: a few single-purpose interfaces plus health and lifecycle (Zipkin's
 * {@code StorageComponent}). Every method is thread-safe; queries may run while the store writer
 * writes. Failures are reported as {@link StorageException}; a bad query parameter as
 * {@link IllegalArgumentException}.
 */
public interface Storage extends AutoCloseable {

  /** {@code memory}, {@code sqlite} or {@code postgres}. */
  StorageKind kind();

  /** Writes events, session upserts, screenshots and the checkpoint in one transaction. */
  EventWriter writer();

  /** Where the store writer resumes. */
  CheckpointStore checkpoints();

  SessionQuery sessions();

  EventQuery events();

  ScreenshotQuery screenshots();

  Retention retention();

  /** Whether the backend can serve reads and writes right now. */
  Health check();

  /** Releases connections and files; the data stays (except for {@code memory}). */
  @Override
  void close();

  /**
   * Opens the backend named by {@code config.kind()}, found through {@link StorageProvider} (the
   * module of the backend must be on the class path), migrating its schema when needed.
   *
   * @param pipeline the memory backend starts its checkpoint at the log tail it refills from
   * @param blobs screenshot bytes (may be null when screenshots are not stored)
   */
  static Storage open(StorageConfig config, Pipeline pipeline, Clock clock, Drops drops, BlobStore blobs) {
    for (StorageProvider provider : ServiceLoader.load(StorageProvider.class)) {
      if (provider.kind() == config.kind()) {
        return provider.open(config, pipeline, clock, drops, blobs);
      }
    }
    throw new IllegalStateException("no storage backend '" + config.kind().wireName()
        + "' on the class path (add the loupe-storage-" + config.kind().wireName() + " module)");
  }
}
