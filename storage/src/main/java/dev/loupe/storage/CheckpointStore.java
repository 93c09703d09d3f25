package dev.loupe.storage;

/** Checkpoints recorded by {@link EventWriter#write} in the same transaction as the data. */
public interface CheckpointStore {

  /** The last seq recorded for {@code consumer}, or 0 when none was. */
  long load(String consumer);
}
