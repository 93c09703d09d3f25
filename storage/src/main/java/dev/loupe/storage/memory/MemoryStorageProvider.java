package dev.loupe.storage.memory;

import dev.loupe.blob.BlobStore;
import dev.loupe.buffer.CategoryBuffers;
import dev.loupe.drop.Drops;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageConfig;
import dev.loupe.storage.StorageKind;
import dev.loupe.storage.StorageProvider;
import dev.loupe.time.Clock;

/** Opens the {@code memory} backend with the default buffer bounds of DESIGN.md §2. */
public final class MemoryStorageProvider implements StorageProvider {
  @Override
  public StorageKind kind() {
    return StorageKind.MEMORY;
  }

  @Override
  public Storage open(StorageConfig config, Pipeline pipeline, Clock clock, Drops drops, BlobStore blobs) {
    return new MemoryStorage(CategoryBuffers.withDefaults(clock, drops), config.retention(), config.memoryMaxSessions(),
        pipeline, clock);
  }
}
