package dev.loupe.ingest;

import java.util.List;

/**
 * The outcome of one ingest request: how many events were sequenced (with their seqs, 0 when
 * none) and which were rejected. {@code duplicate}: the request repeated an earlier one's batch id
 * ({@link RecentBatches}), and these are the earlier request's counts and seqs (its rejections
 * are not repeated); nothing was appended again.
 */
public record IngestResult(int accepted, List<Rejection> rejected, long firstSeq, long lastSeq, boolean duplicate) {
  public IngestResult(int accepted, List<Rejection> rejected, long firstSeq, long lastSeq) {
    this(accepted, rejected, firstSeq, lastSeq, false);
  }

  /** This result's counts and seqs as the answer to a request that repeated its batch (not its rejections). */
  public IngestResult asDuplicate() {
    return new IngestResult(accepted, List.of(), firstSeq, lastSeq, true);
  }
}
