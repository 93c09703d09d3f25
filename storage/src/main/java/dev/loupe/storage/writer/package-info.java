/**
 * The store writer: the pipeline reader that copies every event into the storage backend, exactly
 * once, with the checkpoint in the same transaction as the data.
 */
package dev.loupe.storage.writer;
