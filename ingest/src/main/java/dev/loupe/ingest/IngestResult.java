package dev.loupe.ingest;

import java.util.List;

/**
 * The outcome of one ingest request: how many events were sequenced (with their seqs, 0 when
 * none) and which were rejected.
 */
public record IngestResult(int accepted, List<Rejection> rejected, long firstSeq, long lastSeq) {}
