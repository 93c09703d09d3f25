package dev.loupe.server;

/** The read API over the in-memory store (the bounded category buffers). */
class QueryRoutesOnMemoryTest extends QueryRoutesContract {
  @Override
  ServerConfig.StorageSettings storage() {
    return ServerConfig.StorageSettings.memory();
  }
}
