package dev.loupe.storage.postgres;

import dev.loupe.storage.jdbc.SqlDialect;

/**
 * PostgreSQL's spelling: JSON bound as text and cast to jsonb, substring search with
 * {@code strpos}. Text and jsonb cannot hold NUL, which captured strings may contain: it becomes
 * U+FFFD (in JSON, the escape {@code \u0000} becomes {@code \ufffd}).
 */
final class PostgresDialect implements SqlDialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  @Override
  public String jsonParam() {
    return "?::jsonb";
  }

  @Override
  public String containsLowercase(String column) {
    return "strpos(lower(" + column + "::text), ?) > 0";
  }

  @Override
  public String contains(String column) {
    return "strpos(" + column + ", ?) > 0";
  }

  /**
   * Sessions are folded by reading, folding and writing their rows, which is only right with one
   * writer at a time: a transaction-scoped advisory lock makes a second Loupe server pointed at the
   * same database wait instead of double-counting.
   */
  @Override
  public String writerLockSql() {
    return "SELECT pg_advisory_xact_lock(4815162342)";
  }

  @Override
  public String text(String s) {
    return s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
  }

  @Override
  public String json(String s) {
    if (s == null || !s.contains("\\u0000")) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length()) {
        if (s.startsWith("u0000", i + 1)) {
          out.append("\\ufffd");
          i += 5;
        } else {
          out.append(ch).append(s.charAt(i + 1));
          i++;
        }
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
