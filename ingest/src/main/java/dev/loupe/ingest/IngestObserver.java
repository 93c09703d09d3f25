package dev.loupe.ingest;

import dev.loupe.event.Category;

/** Told what ingest accepted and rejected, for metrics. */
public interface IngestObserver {
  void accepted(Category category, int count);

  void rejected(int count);

  IngestObserver NONE = new IngestObserver() {
    @Override
    public void accepted(Category category, int count) {}

    @Override
    public void rejected(int count) {}
  };
}
