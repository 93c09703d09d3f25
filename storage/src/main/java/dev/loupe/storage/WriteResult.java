package dev.loupe.storage;

/**
 * @param written envelopes newly stored
 * @param duplicates envelopes skipped because their seq was already stored
 */
public record WriteResult(int written, int duplicates) {}
