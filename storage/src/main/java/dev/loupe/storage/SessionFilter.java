package dev.loupe.storage;

import java.util.Objects;

/**
 * Which sessions to list and how ({@code GET /v1/sessions}, {@code GET /api/v1/sessions}).
 * Absent filters are null. Times are µs; {@code from} is inclusive and {@code to} exclusive.
 *
 * @param from sessions started at or after
 * @param to sessions started before
 * @param userId exact user id
 * @param urlContains page URL contains this text (case-sensitive)
 * @param hasErrors sessions with (true) or without (false) errors
 * @param sort the order (default {@code -started_at})
 * @param limit 1..100 (default 20)
 * @param cursor {@link SessionCursor#encode()} of the previous page, or null for the first page
 * @param offset offset paging instead of a cursor (0 when unused; not combinable with a cursor)
 */
public record SessionFilter(
    Long from,
    Long to,
    String userId,
    String urlContains,
    Boolean hasErrors,
    SessionSort sort,
    int limit,
    String cursor,
    int offset) {

  public static final int MAX_LIMIT = 100;
  public static final int DEFAULT_LIMIT = 20;

  public SessionFilter {
    Objects.requireNonNull(sort, "sort");
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

  /** The decoded cursor, or null. */
  public SessionCursor decodedCursor() {
    return cursor == null ? null : SessionCursor.decode(cursor, sort);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().from(from).to(to).userId(userId).urlContains(urlContains).hasErrors(hasErrors).sort(sort)
        .limit(limit).cursor(cursor).offset(offset);
  }

  /** Builder; every setter accepts null for "no filter". */
  public static final class Builder {
    private Long from;
    private Long to;
    private String userId;
    private String urlContains;
    private Boolean hasErrors;
    private SessionSort sort = SessionSort.STARTED_AT_DESC;
    private int limit = DEFAULT_LIMIT;
    private String cursor;
    private int offset;

    public Builder from(Long micros) {
      this.from = micros;
      return this;
    }

    public Builder to(Long micros) {
      this.to = micros;
      return this;
    }

    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    public Builder urlContains(String text) {
      this.urlContains = text;
      return this;
    }

    public Builder hasErrors(Boolean hasErrors) {
      this.hasErrors = hasErrors;
      return this;
    }

    public Builder sort(SessionSort sort) {
      this.sort = sort;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder cursor(String cursor) {
      this.cursor = cursor;
      return this;
    }

    public Builder offset(int offset) {
      this.offset = offset;
      return this;
    }

    public SessionFilter build() {
      return new SessionFilter(from, to, userId, urlContains, hasErrors, sort, limit, cursor, offset);
    }
  }
}
