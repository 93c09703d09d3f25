package dev.loupe.storage.postgres;

import dev.loupe.blob.BlobStore;
import dev.loupe.drop.Drops;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageConfig;
import dev.loupe.storage.StorageKind;
import dev.loupe.storage.StorageProvider;
import dev.loupe.time.Clock;

/** Opens the {@code postgres} backend at {@link StorageConfig#postgresUrl()}. */
public final class PostgresStorageProvider implements StorageProvider {
  @Override
  public StorageKind kind() {
    return StorageKind.POSTGRES;
  }

  @Override
  public Storage open(StorageConfig config, Pipeline pipeline, Clock clock, Drops drops, BlobStore blobs) {
    return PostgresStorage.open(config, clock);
  }
}
