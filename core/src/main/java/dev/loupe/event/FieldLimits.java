package dev.loupe.event;

/**
 * Byte limits applied to events before they are sequenced (seed 000's per-field limits and seed
 * 001's record limit). Strings over a limit are cut with a visible marker; a record still over
 * {@code maxRecordBytes} keeps its envelope and loses its {@code data}.
 *
 * @param consoleArgBytes each console argument
 * @param consoleEntryBytes a console event's whole data
 * @param stackBytes an error's stack
 * @param errorContextBytes an error's context object
 * @param requestBodyBytes a network request body
 * @param responseBodyBytes a network response body
 * @param websocketPreviewBytes a WebSocket message preview
 * @param actionBytes an action event's whole data
 * @param performanceBytes a performance event's whole data
 * @param urlBytes the event's page URL
 * @param sourceMetadataBytes the source's metadata object
 * @param maxRecordBytes the whole envelope
 */
public record FieldLimits(
    int consoleArgBytes,
    int consoleEntryBytes,
    int stackBytes,
    int errorContextBytes,
    int requestBodyBytes,
    int responseBodyBytes,
    int websocketPreviewBytes,
    int actionBytes,
    int performanceBytes,
    int urlBytes,
    int sourceMetadataBytes,
    int maxRecordBytes) {

  private static final int KB = 1024;
  private static final int MB = 1024 * KB;

  /** The limits of DESIGN.md §2. */
  public static FieldLimits defaults() {
    return new FieldLimits(KB, 10 * KB, 5 * KB, 2 * KB, MB, 5 * MB, KB, 2 * KB, KB, 8 * KB, 4 * KB, MB);
  }

  public FieldLimits withMaxRecordBytes(int bytes) {
    return new FieldLimits(consoleArgBytes, consoleEntryBytes, stackBytes, errorContextBytes, requestBodyBytes,
        responseBodyBytes, websocketPreviewBytes, actionBytes, performanceBytes, urlBytes, sourceMetadataBytes, bytes);
  }
}
