package dev.loupe.storage.sqlite;

import dev.loupe.storage.jdbc.SqlDialect;

/** SQLite's spelling: JSON is plain text, substring search with {@code instr}. */
final class SqliteDialect implements SqlDialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  @Override
  public String jsonParam() {
    return "?";
  }

  @Override
  public String containsLowercase(String column) {
    return "instr(lower(" + column + "), ?) > 0";
  }

  @Override
  public String contains(String column) {
    return "instr(" + column + ", ?) > 0";
  }
}
