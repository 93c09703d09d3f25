package dev.loupe.pipeline;

/** The contiguous seqs given to one appended batch. */
public record AppendResult(long firstSeq, long lastSeq) {
  public long count() {
    return lastSeq - firstSeq + 1;
  }
}
