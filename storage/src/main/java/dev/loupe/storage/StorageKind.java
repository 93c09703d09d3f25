package dev.loupe.storage;

import java.util.Locale;

/** The backends: bounded memory buffers, embedded SQLite (the default), PostgreSQL. */
public enum StorageKind {
  MEMORY, SQLITE, POSTGRES;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind with this wire name ({@code memory|sqlite|postgres}). */
  public static StorageKind fromWireName(String name) {
    for (StorageKind kind : values()) {
      if (kind.wireName().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("storage must be one of memory, sqlite, postgres; got '" + name + "'");
  }
}
