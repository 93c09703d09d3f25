package dev.loupe.storage;

/** A storage that forwards every call to another; tests override the parts they break. */
public class ForwardingStorage implements Storage {
  private final Storage delegate;

  public ForwardingStorage(Storage delegate) {
    this.delegate = delegate;
  }

  @Override
  public StorageKind kind() {
    return delegate.kind();
  }

  @Override
  public EventWriter writer() {
    return delegate.writer();
  }

  @Override
  public CheckpointStore checkpoints() {
    return delegate.checkpoints();
  }

  @Override
  public SessionQuery sessions() {
    return delegate.sessions();
  }

  @Override
  public EventQuery events() {
    return delegate.events();
  }

  @Override
  public ScreenshotQuery screenshots() {
    return delegate.screenshots();
  }

  @Override
  public Retention retention() {
    return delegate.retention();
  }

  @Override
  public Health check() {
    return delegate.check();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
