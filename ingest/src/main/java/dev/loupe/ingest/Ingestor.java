package dev.loupe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.drop.DropReason;
import dev.loupe.drop.Drops;
import dev.loupe.event.Category;
import dev.loupe.event.EncodedEvent;
import dev.loupe.event.Event;
import dev.loupe.event.EventTruncator;
import dev.loupe.pipeline.AckMode;
import dev.loupe.pipeline.AppendRefusedException;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.redact.Redactor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The last step of every ingest route: redact, apply field and record limits, encode — on the
 * calling request thread, so this work spreads over cores — then hand the batch to the sequencer.
 * Counts what it rejects and what the SDK reports it dropped. A body whose batch id was seen before
 * is answered from the first one and not appended again ({@link RecentBatches}).
 */
public final class Ingestor {
  /** Type of the SDK's report of events it had to drop before sending. */
  public static final String CLIENT_DROPS = "system.client_drops";
  /** The reason in that report for events the app's own filter (the SDK's {@code beforeSend}) left out. */
  private static final String FILTERED_BY_APP = "before_send";

  private final Pipeline pipeline;
  private final Function<String, Redactor> redactors;
  private final EventTruncator truncator;
  private final Drops drops;
  private final IngestObserver observer;
  private final RecentBatches recent;

  public Ingestor(Pipeline pipeline, Function<String, Redactor> redactors, EventTruncator truncator, Drops drops,
      IngestObserver observer, RecentBatches recent) {
    this.recent = recent;
    this.pipeline = pipeline;
    this.redactors = redactors;
    this.truncator = truncator;
    this.drops = drops;
    this.observer = observer;
  }

  /**
   * Sequences the events of a body with a batch id ({@code batch}, or null for none), unless a body
   * with the same id was sequenced or is being sequenced: then the answer is that body's counts and
   * seqs, marked {@link IngestResult#duplicate()}, once they are known (its failure, if it fails). A
   * body of which nothing was kept is not remembered: sent again, it is refused again.
   */
  public CompletableFuture<IngestResult> submit(String project, String batch, List<Event> events,
      List<Rejection> rejected, AckMode ack) {
    if (batch == null) {
      return submit(project, events, rejected, ack);
    }
    CompletableFuture<IngestResult> mine = new CompletableFuture<>();
    CompletableFuture<IngestResult> first = recent.claim(project, batch, mine);
    if (first != null) {
      return first.thenApply(r -> {
        observer.duplicate(r.accepted());
        return r.asDuplicate();
      });
    }
    CompletableFuture<IngestResult> appended;
    try {
      appended = submit(project, events, rejected, ack);
    } catch (Throwable e) {
      appended = CompletableFuture.failedFuture(e);
    }
    appended.whenComplete((r, failure) -> {
      if (failure != null || r.accepted() == 0) {
        recent.release(project, batch, mine);
      } else {
        recent.settle(project, batch, mine, r);
      }
      if (failure != null) {
        mine.completeExceptionally(failure);
      } else {
        mine.complete(r);
      }
    });
    return mine;
  }

  /**
   * Sequences the events of a request. The future fails with {@link AppendRefusedException} when the
   * log refuses them (the events are then counted as dropped, reason unavailable).
   */
  public CompletableFuture<IngestResult> submit(String project, List<Event> events, List<Rejection> rejected,
      AckMode ack) {
    if (!rejected.isEmpty()) {
      drops.add(DropReason.INVALID, rejected.size());
      observer.rejected(rejected.size());
    }
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(new IngestResult(0, rejected, 0, 0));
    }
    Redactor redactor = redactors.apply(project);
    List<EncodedEvent> encoded = new ArrayList<>(events.size());
    Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
    for (Event e : events) {
      EncodedEvent prepared = truncator.apply(redactor.apply(e), project);
      encoded.add(prepared);
      byCategory.merge(e.category(), 1, Integer::sum);
      if (e.type().equals(CLIENT_DROPS)) {
        drops.add(DropReason.CLIENT_DROPPED, reportedDrops(e, false));
        drops.add(DropReason.CLIENT_FILTERED, reportedDrops(e, true));
      }
    }
    return pipeline.append(project, encoded, ack).handle((appended, failure) -> {
      if (failure != null) {
        drops.add(DropReason.UNAVAILABLE, events.size());
        throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
      }
      byCategory.forEach(observer::accepted);
      return new IngestResult(events.size(), rejected, appended.firstSeq(), appended.lastSeq());
    });
  }

  /** What the report counts: the events its app's filter left out ({@code before_send}), or all the others. */
  private static long reportedDrops(Event e, boolean filtered) {
    long total = 0;
    JsonNode counts = e.data() == null ? null : e.data().get("drops");
    if (counts != null && counts.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> reason = it.next();
        JsonNode n = reason.getValue();
        if (reason.getKey().equals(FILTERED_BY_APP) == filtered && n.canConvertToLong() && n.asLong() > 0) {
          total += Math.min(n.asLong(), 1_000_000_000L);
        }
      }
    }
    return total;
  }
}
