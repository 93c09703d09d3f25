/** The scheduled retention job: applies a backend's {@link dev.loupe.storage.Retention} and ages out blobs. */
package dev.loupe.storage.retention;
