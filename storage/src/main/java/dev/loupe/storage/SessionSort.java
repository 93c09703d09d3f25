package dev.loupe.storage;

/** Session list orders; ties are broken by session id in the same direction. */
public enum SessionSort {
  STARTED_AT_DESC("-started_at", SessionColumn.STARTED_AT, true),
  STARTED_AT_ASC("started_at", SessionColumn.STARTED_AT, false),
  LAST_ACTIVITY_AT_DESC("-last_activity_at", SessionColumn.LAST_ACTIVITY_AT, true),
  LAST_ACTIVITY_AT_ASC("last_activity_at", SessionColumn.LAST_ACTIVITY_AT, false);

  private final String wireName;
  private final SessionColumn column;
  private final boolean descending;

  SessionSort(String wireName, SessionColumn column, boolean descending) {
    this.wireName = wireName;
    this.column = column;
    this.descending = descending;
  }

  /** As in the API's {@code sort} parameter, e.g. {@code -started_at}. */
  public String wireName() {
    return wireName;
  }

  public SessionColumn column() {
    return column;
  }

  public boolean descending() {
    return descending;
  }

  public long keyOf(Session s) {
    return column == SessionColumn.STARTED_AT ? s.startedAt() : s.lastActivityAt();
  }

  public static SessionSort fromWireName(String name) {
    for (SessionSort s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "sort must be one of -started_at, started_at, -last_activity_at, last_activity_at; got '" + name + "'");
  }

  /** The sortable columns; their names are the SQL column names. */
  public enum SessionColumn {
    STARTED_AT("started_at"), LAST_ACTIVITY_AT("last_activity_at");

    private final String sql;

    SessionColumn(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }
  }
}
