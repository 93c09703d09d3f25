package dev.loupe.storage.postgres;

/**
 * How the writer inserts events: {@code COPY … FROM STDIN} (the default: measured faster, see the
 * module's benchmark), or prepared-statement batches that the driver rewrites into multi-row
 * INSERTs ({@code reWriteBatchedInserts}).
 */
public enum PostgresInsertMode {
  COPY, MULTI_ROW_INSERT
}
