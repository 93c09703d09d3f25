package dev.loupe.ingest;

import dev.loupe.event.Category;

/** Told what ingest accepted and rejected, for metrics. */
public interface IngestObserver {
  void accepted(Category category, int count);

  void rejected(int count);

  /** A body repeated an earlier one's batch id: its {@code events} were not appended again. */
  default void duplicate(int events) {}

  IngestObserver NONE = new IngestObserver() {
    @Override
    public void accepted(Category category, int count) {}

    @Override
    public void rejected(int count) {}
  };
}
