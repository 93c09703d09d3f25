package dev.loupe.storage;

import dev.loupe.event.Category;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which events to list ({@code GET /v1/events}, {@code GET /v1/sessions/{id}/events}, and the
 * seed-002 events route with offset paging). Absent filters are null or empty; within a repeated
 * parameter the values are alternatives (OR), across parameters all must hold (AND). Times are µs
 * on the event's {@code ts}; {@code from} is inclusive and {@code to} exclusive.
 *
 * @param sessionId exact session id
 * @param categories any of these categories
 * @param types any of these type globs ({@link TypeGlob})
 * @param afterSeq only events with a larger seq (a filter: counted in {@code total})
 * @param cursor the previous page's {@code nextCursor} (a seq; not counted in {@code total})
 * @param q case-insensitive text contained in the event's data (as JSON), url or type
 * @param limit 1..10 000 (default 1000)
 * @param offset offset paging (seed 002), 0 when unused
 */
public record EventFilter(
    String sessionId,
    Set<Category> categories,
    List<TypeGlob> types,
    Long from,
    Long to,
    Long afterSeq,
    Long cursor,
    String q,
    int limit,
    int offset) {

  public static final int MAX_LIMIT = 10_000;
  public static final int DEFAULT_LIMIT = 1000;

  public EventFilter {
    categories = categories == null || categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
    types = types == null ? List.of() : List.copyOf(types);
    q = q == null || q.isEmpty() ? null : q;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
    if (cursor != null && offset > 0) {
      throw new IllegalArgumentException("cursor and offset cannot be combined");
    }
  }

  /** {@code q} lowercased for case-insensitive matching, or null. */
  public String qLower() {
    return q == null ? null : q.toLowerCase(Locale.ROOT);
  }

  /** The lower seq bound: after both {@code afterSeq} and the cursor. */
  public long afterSeqOrCursor() {
    long a = afterSeq == null ? 0 : afterSeq;
    long c = cursor == null ? 0 : cursor;
    return Math.max(a, c);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder().sessionId(sessionId).from(from).to(to).afterSeq(afterSeq).cursor(cursor).q(q)
        .limit(limit).offset(offset);
    b.categories.addAll(categories);
    b.types.addAll(types);
    return b;
  }

  /** Builder; every setter accepts null for "no filter". */
  public static final class Builder {
    private String sessionId;
    private final Set<Category> categories = EnumSet.noneOf(Category.class);
    private final List<TypeGlob> types = new java.util.ArrayList<>();
    private Long from;
    private Long to;
    private Long afterSeq;
    private Long cursor;
    private String q;
    private int limit = DEFAULT_LIMIT;
    private int offset;

    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    public Builder category(Category category) {
      categories.add(category);
      return this;
    }

    /** Adds a type glob such as {@code network.*}; see {@link TypeGlob#parse}. */
    public Builder type(String glob) {
      types.add(TypeGlob.parse(glob));
      return this;
    }

    public Builder from(Long micros) {
      this.from = micros;
      return this;
    }

    public Builder to(Long micros) {
      this.to = micros;
      return this;
    }

    public Builder afterSeq(Long seq) {
      this.afterSeq = seq;
      return this;
    }

    /** The previous page's {@code nextCursor}. */
    public Builder cursor(String cursor) {
      try {
        this.cursor = cursor == null ? null : Long.parseLong(cursor);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("cursor is malformed", e);
      }
      return this;
    }

    public Builder cursor(Long seq) {
      this.cursor = seq;
      return this;
    }

    public Builder q(String text) {
      this.q = text;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder offset(int offset) {
      this.offset = offset;
      return this;
    }

    public EventFilter build() {
      return new EventFilter(sessionId, categories, types, from, to, afterSeq, cursor, q, limit, offset);
    }
  }
}
