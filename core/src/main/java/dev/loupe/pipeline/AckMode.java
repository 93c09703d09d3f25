package dev.loupe.pipeline;

/**
 * When an append is acknowledged: {@code DURABLE} after its group is fsynced (survives kill -9 and
 * power loss), {@code BUFFERED} as soon as it is written to the file (survives kill -9 of Loupe,
 * not a machine crash within the fsync interval).
 */
public enum AckMode {
  DURABLE, BUFFERED
}
