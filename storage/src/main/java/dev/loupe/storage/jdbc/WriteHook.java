package dev.loupe.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Called at each stage of a write transaction, before commit; a test seam for killing a write
 * halfway (throwing, or closing the connection). Production uses {@link #NONE}.
 */
@FunctionalInterface
public interface WriteHook {
  WriteHook NONE = (stage, connection) -> { };

  /** The stages, in order. */
  enum Stage { EVENTS_INSERTED, SESSIONS_UPSERTED, CHECKPOINT_SAVED }

  void at(Stage stage, Connection connection) throws SQLException;
}
