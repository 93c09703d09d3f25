package dev.loupe.server;

/** The read API over the default store: SQLite in the data directory. */
class QueryRoutesOnSqliteTest extends QueryRoutesContract {
  @Override
  ServerConfig.StorageSettings storage() {
    return ServerConfig.StorageSettings.sqlite();
  }
}
