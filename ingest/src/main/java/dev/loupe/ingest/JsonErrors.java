package dev.loupe.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import java.io.IOException;

/** Turns a parser's failure into the refusal a client reads: what went wrong and where. */
public final class JsonErrors {
  private JsonErrors() {}

  public static IngestRefusal malformed(IOException e) {
    if (e instanceof JacksonException j) {
      JsonLocation loc = j.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return new IngestRefusal(IngestRefusal.Kind.MALFORMED_JSON, null,
          "malformed JSON" + where + ": " + firstLine(j.getOriginalMessage()));
    }
    return new IngestRefusal(IngestRefusal.Kind.MALFORMED_JSON, null, "malformed JSON: " + firstLine(e.getMessage()));
  }

  /** The first line of a parser message, at most 300 characters (Jackson appends source excerpts). */
  public static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
