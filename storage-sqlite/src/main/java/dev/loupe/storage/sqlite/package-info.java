/**
 * The {@code sqlite} backend, Loupe's embedded default: one database file in the data directory,
 * WAL, one writer connection with batched transactions, a small pool of read connections, Flyway
 * migrations from {@code db/migration/sqlite}, retention by batched deletes.
 */
package dev.loupe.storage.sqlite;
