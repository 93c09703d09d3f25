/**
 * The {@code memory} backend: seed 000's bounded category buffers ({@link dev.loupe.buffer.CategoryBuffers})
 * for events, a bounded least-recently-active map of sessions, and the most recent screenshots.
 * Nothing survives a restart; on start the store writer refills it from the log tail within the
 * largest buffer TTL. Queries scan the buffers.
 */
package dev.loupe.storage.memory;
