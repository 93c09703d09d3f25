package dev.loupe.server.store;

import dev.loupe.blob.BlobStore;
import dev.loupe.buffer.CategoryBuffers;
import dev.loupe.drop.Drops;
import dev.loupe.event.Category;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.server.ServerConfig;
import dev.loupe.storage.Health;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageConfig;
import dev.loupe.storage.StorageKind;
import dev.loupe.storage.memory.MemoryStorage;
import dev.loupe.storage.retention.RetentionJob;
import dev.loupe.storage.writer.StoreWriter;
import dev.loupe.storage.writer.StoreWriterConfig;
import dev.loupe.time.Clock;
import java.time.Duration;

/**
 * The configured store with the reader that fills it and the job that ages it: opened from the
 * server's settings, closed in the order that loses nothing (the writer commits its last batch and
 * checkpoint before the store closes).
 */
public final class StoreService implements AutoCloseable {
  private static final int MEMORY_MAX_SESSIONS = 10_000;

  private final Storage storage;
  private final StoreWriter writer;
  private final RetentionJob retention;

  private StoreService(Storage storage, StoreWriter writer, RetentionJob retention) {
    this.storage = storage;
    this.writer = writer;
    this.retention = retention;
  }

  /**
   * Opens the store. The memory backend is built on {@code buffers} (the same bounded buffers the
   * stats show); the SQL backends are found on the class path.
   */
  public static StoreService open(ServerConfig.StorageSettings settings, java.nio.file.Path dataDir,
      Pipeline pipeline, CategoryBuffers buffers, BlobStore blobs, Clock clock, Drops drops) {
    RetentionPolicy policy = RetentionPolicy.defaults().withEvents(settings.eventRetention())
        .with(Category.SCREENSHOT, settings.screenshotRetention());
    StorageKind kind = StorageKind.fromWireName(settings.kind());
    Storage storage;
    if (kind == StorageKind.MEMORY) {
      storage = new MemoryStorage(buffers, policy, MEMORY_MAX_SESSIONS, pipeline, clock);
    } else {
      StorageConfig.Builder b = StorageConfig.builder(kind).retention(policy);
      if (kind == StorageKind.SQLITE) {
        b.sqlitePath(dataDir.resolve("loupe.db"));
      } else {
        b.postgres(settings.postgresUrl(), settings.postgresUser(), settings.postgresPassword())
            .postgresSchema(settings.postgresSchema());
      }
      storage = Storage.open(b.build(), pipeline, clock, drops, blobs);
    }
    StoreWriter writer = StoreWriter.start(pipeline, storage, blobs, drops, StoreWriterConfig.defaults());
    RetentionJob retention = new RetentionJob(storage, blobs, policy, clock).schedule(Duration.ofHours(1));
    return new StoreService(storage, writer, retention);
  }

  public Storage storage() {
    return storage;
  }

  public StoreWriter writer() {
    return writer;
  }

  /** Null when the store answers, else why not. */
  public String problem() {
    Health h = storage.check();
    if (!h.healthy()) {
      return "store: " + h.detail();
    }
    return writer.state() == StoreWriter.State.RETRYING ? "store: writes are being retried ("
        + writer.lastError() + ")" : null;
  }

  @Override
  public void close() {
    writer.close();
    retention.close();
    storage.close();
  }
}
