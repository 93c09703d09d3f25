package dev.loupe.server.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.ingest.IngestResult;
import dev.loupe.ingest.Rejection;
import dev.loupe.server.http.JsonBody;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;

/**
 * The native ingest answers: 202 with what was kept and refused, or 400 when nothing was kept. A
 * repeated body (same batch id) gets the first one's counts and seqs with {@code "duplicate": true}.
 */
final class IngestResponses {
  private IngestResponses() {}

  static void accepted(Context ctx, IngestResult r) {
    if (r.accepted() == 0 && !r.rejected().isEmpty()) {
      JsonBody.send(ctx, 400, g -> {
        g.writeStartObject();
        g.writeStringField("error", "invalid");
        g.writeStringField("message", r.rejected().get(0).error()
            + (r.rejected().size() > 1 ? " (and " + (r.rejected().size() - 1) + " more)" : ""));
        writeRejected(g, r.rejected());
        g.writeEndObject();
      });
      return;
    }
    JsonBody.send(ctx, 202, g -> {
      g.writeStartObject();
      g.writeNumberField("accepted", r.accepted());
      writeRejected(g, r.rejected());
      if (r.accepted() > 0) {
        g.writeNumberField("first_seq", r.firstSeq());
        g.writeNumberField("last_seq", r.lastSeq());
      }
      if (r.duplicate()) {
        g.writeBooleanField("duplicate", true);
      }
      g.writeEndObject();
    });
  }

  /** Refuses a compat request none of whose events was kept. */
  static boolean refuseIfNothingKept(Context ctx, IngestResult r) {
    if (r.accepted() == 0 && !r.rejected().isEmpty()) {
      accepted(ctx, r);
      return true;
    }
    return false;
  }

  private static void writeRejected(JsonGenerator g, List<Rejection> rejected) throws IOException {
    g.writeArrayFieldStart("rejected");
    for (Rejection rej : rejected) {
      g.writeStartObject();
      g.writeNumberField("index", rej.index());
      g.writeStringField("field", rej.field());
      g.writeStringField("error", rej.error());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
