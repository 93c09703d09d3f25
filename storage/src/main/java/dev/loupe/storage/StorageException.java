package dev.loupe.storage;

/** A backend could not do what was asked (database down, disk full, …); the caller may retry. */
public class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
