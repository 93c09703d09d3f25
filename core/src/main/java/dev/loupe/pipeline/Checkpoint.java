package dev.loupe.pipeline;

/**
 * Where a consumer that must not lose events remembers the last seq it has fully handled, so that
 * after a restart it resumes with {@code pipeline.reader(checkpoint.load())}. Stores that can write
 * the checkpoint in the same transaction as the data should (exactly once); others use
 * {@link FileCheckpoint} and accept at-least-once.
 */
public interface Checkpoint {

  /** The saved seq, or 0 when nothing was saved yet. */
  long load();

  /** Durably records that everything up to {@code seq} is handled. */
  void save(long seq);
}
