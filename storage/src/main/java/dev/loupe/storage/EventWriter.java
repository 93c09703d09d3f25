package dev.loupe.storage;

/** Stores batches of envelopes for the store writer. */
public interface EventWriter {

  /**
   * Writes the batch's events, the session upserts they imply, the bytes of their screenshots and
   * the consumer's checkpoint, all in one transaction: after a crash either all of it is stored or
   * none. Idempotent by seq: an envelope whose seq is already stored is skipped and does not count
   * again in its session.
   *
   * @throws StorageException when nothing was written (the caller retries the same batch)
   */
  WriteResult write(WriteBatch batch);
}
