/**
 * The {@code postgres} backend for production: events range-partitioned by day on {@code ts}
 * (partitions created ahead and on demand, a default partition as a safety net, retention by
 * dropping whole days), {@code jsonb} data, HikariCP, batched inserts by COPY, sessions upserted
 * with {@code INSERT … ON CONFLICT DO UPDATE}, Flyway migrations from {@code db/migration/postgres}.
 */
package dev.loupe.storage.postgres;
