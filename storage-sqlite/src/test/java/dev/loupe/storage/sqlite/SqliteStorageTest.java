package dev.loupe.storage.sqlite;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import dev.loupe.storage.EventQueryContract;
import dev.loupe.storage.PagingContract;
import dev.loupe.storage.RetentionContract;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.SessionQueryContract;
import dev.loupe.storage.Storage;
import dev.loupe.storage.WriteContract;
import dev.loupe.time.ManualClock;
import org.junit.jupiter.api.Nested;

/** The storage contract against the SQLite backend (a fresh database file per suite). */
class SqliteStorageTest {
  @TempDir
  static Path dir;
  private static final AtomicInteger files = new AtomicInteger();

  static Storage open(RetentionPolicy policy) {
    return SqliteStorage.open(dir.resolve("loupe-" + files.incrementAndGet() + ".db"), 2, policy);
  }


  @Nested
  class Writes extends WriteContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return SqliteStorageTest.open(policy);
    }

    @Override
    protected void clear(Storage storage) {
      ((SqliteStorage) storage).clear();
    }
  }

  @Nested
  class SessionQueries extends SessionQueryContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return SqliteStorageTest.open(policy);
    }

    @Override
    protected void clear(Storage storage) {
      ((SqliteStorage) storage).clear();
    }
  }

  @Nested
  class EventQueries extends EventQueryContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return SqliteStorageTest.open(policy);
    }

    @Override
    protected void clear(Storage storage) {
      ((SqliteStorage) storage).clear();
    }
  }

  @Nested
  class Paging extends PagingContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return SqliteStorageTest.open(policy);
    }

    @Override
    protected void clear(Storage storage) {
      ((SqliteStorage) storage).clear();
    }
  }

  @Nested
  class Retention extends RetentionContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return SqliteStorageTest.open(policy);
    }

    @Override
    protected void clear(Storage storage) {
      ((SqliteStorage) storage).clear();
    }
  }
}
