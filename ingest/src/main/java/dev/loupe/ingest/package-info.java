/**
 * Turning request bodies into validated, redacted, limited events and handing them to the
 * sequencer: the native batch formats here, the seed-compatible ones in {@code compat}.
 */
package dev.loupe.ingest;
