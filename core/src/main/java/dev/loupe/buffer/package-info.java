/**
 * Bounded in-memory buffers per category (seed 000): entries, bytes and TTL per category, a global
 * cap, eviction TTL-first then oldest 10 %, and per-buffer statistics.
 */
package dev.loupe.buffer;
