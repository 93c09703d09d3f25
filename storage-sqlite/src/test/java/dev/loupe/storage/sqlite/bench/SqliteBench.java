package dev.loupe.storage.sqlite.bench;

import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.bench.StorageBench;
import dev.loupe.storage.sqlite.SqliteStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The storage benchmarks against SQLite (a fresh file per part, in a temp directory deleted at the
 * end): {@code mvn -B -pl storage-sqlite -am -Pbench -DskipTests verify [-Dbench.args=catchup,live,query]}.
 * With {@code -Dbench.jvmArgs=-Dbench.dir=/some/dir} the files are kept there, and a query store
 * that is already full is reused.
 */
public final class SqliteBench {
  private SqliteBench() {}

  public static void main(String[] args) throws Exception {
    String keep = System.getProperty("bench.dir");
    Path dir = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("loupe-sqlite-bench");
    AtomicInteger n = new AtomicInteger();
    try {
      new StorageBench("sqlite", dir,
          () -> SqliteStorage.open(dir.resolve("bench-" + n.incrementAndGet() + ".db"), 4, RetentionPolicy.defaults()))
          .run(args);
    } finally {
      if (keep == null) {
        StorageBench.delete(dir);
      }
    }
  }
}
