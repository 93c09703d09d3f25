package dev.loupe.pipeline;

/**
 * A snapshot of the pipeline for stats and metrics.
 *
 * @param durableSeq newest seq readers can see (fsynced and published)
 * @param writtenSeq newest seq written to the log (not necessarily fsynced)
 * @param oldestSeq oldest seq still in the log
 * @param queuedBytes accepted bytes waiting for the writer
 * @param segments segment files
 * @param logBytes bytes in all segments
 * @param appendedEvents events appended since start
 * @param appendedBytes log bytes appended since start
 * @param fsyncs fsyncs since start
 * @param fsyncTotalNanos time spent in them
 * @param ringOldestSeq oldest seq still in memory
 */
public record PipelineStats(
    long durableSeq,
    long writtenSeq,
    long oldestSeq,
    long queuedBytes,
    int segments,
    long logBytes,
    long appendedEvents,
    long appendedBytes,
    long fsyncs,
    long fsyncTotalNanos,
    long ringOldestSeq) {}
