/**
 * The seed-compatible routes' formats (seed 000 {@code /sync}, seed 002 tracking and screenshots,
 * seed 004 client telemetry), each mapped onto the one event schema with a {@code source.name}
 * saying which format it came from.
 */
package dev.loupe.ingest.compat;
