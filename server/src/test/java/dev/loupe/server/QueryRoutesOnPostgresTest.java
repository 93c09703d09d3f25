package dev.loupe.server;

import dev.loupe.storage.postgres.TestPostgres;
import org.junit.jupiter.api.AfterAll;

/** The read API over PostgreSQL: the local server when it answers, else an embedded one. */
class QueryRoutesOnPostgresTest extends QueryRoutesContract {
  @Override
  ServerConfig.StorageSettings storage() {
    return ServerConfig.StorageSettings.postgres(TestPostgres.url(), "postgres", "", TestPostgres.newSchema());
  }

  @AfterAll
  void dropSchemas() {
    TestPostgres.dropSchemas();
  }
}
