package dev.loupe.storage.sqlite;

import dev.loupe.blob.BlobStore;
import dev.loupe.drop.Drops;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageConfig;
import dev.loupe.storage.StorageKind;
import dev.loupe.storage.StorageProvider;
import dev.loupe.time.Clock;

/** Opens the {@code sqlite} backend at {@link StorageConfig#sqlitePath()}. */
public final class SqliteStorageProvider implements StorageProvider {
  @Override
  public StorageKind kind() {
    return StorageKind.SQLITE;
  }

  @Override
  public Storage open(StorageConfig config, Pipeline pipeline, Clock clock, Drops drops, BlobStore blobs) {
    return SqliteStorage.open(config.sqlitePath(), config.poolSize(), config.retention());
  }
}
