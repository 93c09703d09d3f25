package dev.loupe.storage.sqlite;

import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * How Loupe opens its SQLite file.
 *
 * <p>{@code journal_mode=WAL} lets queries read while the writer writes. {@code synchronous=NORMAL}
 * skips the fsync at each commit (WAL is still fsynced at checkpoints), so a power loss can take
 * the last few commits — but never corrupts the file, and loses nothing: the durable log is the
 * source of truth and the store writer's checkpoint commits in the same transaction as the events,
 * so a lost tail is simply re-read from the log on the next start. A process crash (kill -9) loses
 * nothing at all in WAL mode. {@code FULL} would cost an fsync per batch for no gain.
 */
final class SqliteFiles {
  private SqliteFiles() {}

  static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  static SQLiteDataSource dataSource(Path file, boolean writer) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(30_000);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(writer ? -65_536 : -16_384);
    config.setJournalSizeLimit(64 << 20);
    if (!writer) {
      // Queries read pages through a memory map instead of copying each into the connection's cache:
      // a session's events are spread over the file (they interleave with other sessions).
      config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(1L << 30));
    }
    if (writer) {
      // Take the write lock when the transaction begins: a deferred transaction that reads first
      // (the seq probe) and upgrades later gets SQLITE_BUSY at once, without waiting, when another
      // connection (a checkpoint, a tool) holds the lock meanwhile.
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    }
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(url(file));
    return ds;
  }
}
