package dev.loupe.storage.memory;

import dev.loupe.buffer.CategoryBuffers;
import dev.loupe.drop.Drops;
import dev.loupe.storage.EventQueryContract;
import dev.loupe.storage.PagingContract;
import dev.loupe.storage.RetentionContract;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.SessionQueryContract;
import dev.loupe.storage.Storage;
import dev.loupe.storage.WriteContract;
import dev.loupe.time.ManualClock;
import org.junit.jupiter.api.Nested;

/** The storage contract against the memory backend. */
class MemoryStorageTest {

  static Storage open(ManualClock clock, RetentionPolicy policy) {
    return new MemoryStorage(CategoryBuffers.withDefaults(clock, new Drops()), policy, 10_000, null, clock);
  }

  static void clear(Storage storage) {
    ((MemoryStorage) storage).clear();
  }

  @Nested
  class Writes extends WriteContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return MemoryStorageTest.open(clock, policy);
    }

    @Override
    protected void clear(Storage storage) {
      MemoryStorageTest.clear(storage);
    }
  }

  @Nested
  class SessionQueries extends SessionQueryContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return MemoryStorageTest.open(clock, policy);
    }

    @Override
    protected void clear(Storage storage) {
      MemoryStorageTest.clear(storage);
    }
  }

  @Nested
  class EventQueries extends EventQueryContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return MemoryStorageTest.open(clock, policy);
    }

    @Override
    protected void clear(Storage storage) {
      MemoryStorageTest.clear(storage);
    }
  }

  @Nested
  class Paging extends PagingContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return MemoryStorageTest.open(clock, policy);
    }

    @Override
    protected void clear(Storage storage) {
      MemoryStorageTest.clear(storage);
    }
  }

  @Nested
  class Retention extends RetentionContract {
    @Override
    protected Storage open(ManualClock clock, RetentionPolicy policy) {
      return MemoryStorageTest.open(clock, policy);
    }

    @Override
    protected void clear(Storage storage) {
      MemoryStorageTest.clear(storage);
    }
  }
}
