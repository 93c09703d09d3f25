package dev.loupe.storage.postgres;

import dev.loupe.storage.EventQueryContract;
import dev.loupe.storage.PagingContract;
import dev.loupe.storage.RetentionContract;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.SessionQueryContract;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageConfig;
import dev.loupe.storage.WriteContract;
import dev.loupe.time.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** The storage contract against a real PostgreSQL (a schema of its own per suite). */
class PostgresStorageTest {

  static Storage open(ManualClock clock, RetentionPolicy policy) {
    StorageConfig base = TestPostgres.config();
    StorageConfig config = new StorageConfig(base.kind(), null, base.postgresUrl(), base.postgresUser(),
        base.postgresPassword(), base.postgresSchema(), base.poolSize(), policy, base.retentionInterval(),
        base.memoryMaxSessions());
    return PostgresStorage.open(config, clock);
  }

  @AfterAll
  static void dropSchemas() {
    TestPostgres.dropSchemas();
  }

  @Nested
  class Writes extends WriteContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return PostgresStorageTest.open(clock, policy);
    }

    @Override
    protected void clear(Storage storage) {
      ((PostgresStorage) storage).clear();
    }
  }

  @Nested
  class SessionQueries extends SessionQueryContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return PostgresStorageTest.open(clock, policy);
    }

    @Override
    protected void clear(Storage storage) {
      ((PostgresStorage) storage).clear();
    }
  }

  @Nested
  class EventQueries extends EventQueryContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return PostgresStorageTest.open(clock, policy);
    }

    @Override
    protected void clear(Storage storage) {
      ((PostgresStorage) storage).clear();
    }
  }

  @Nested
  class Paging extends PagingContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return PostgresStorageTest.open(clock, policy);
    }

    @Override
    protected void clear(Storage storage) {
      ((PostgresStorage) storage).clear();
    }
  }

  @Nested
  class Retention extends RetentionContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return PostgresStorageTest.open(clock, policy);
    }

    @Override
    protected void clear(Storage storage) {
      ((PostgresStorage) storage).clear();
    }
  }
}
