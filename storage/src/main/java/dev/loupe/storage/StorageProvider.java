package dev.loupe.storage;

import dev.loupe.blob.BlobStore;
import dev.loupe.drop.Drops;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.time.Clock;

/**
 * Opens one kind of backend. Implementations are registered in
 * {@code META-INF/services/dev.loupe.storage.StorageProvider} so that the server depends on the
 * backends only at run time.
 */
public interface StorageProvider {

  StorageKind kind();

  Storage open(StorageConfig config, Pipeline pipeline, Clock clock, Drops drops, BlobStore blobs);
}
