package dev.loupe.storage.jdbc;

/** The few places where SQLite's and PostgreSQL's SQL differ. */
public interface SqlDialect {

  /** The placeholder for a JSON value bound as a string ({@code ?} or {@code ?::jsonb}). */
  String jsonParam();

  /** A condition that {@code column}, lowercased, contains one bound lowercase string. */
  String containsLowercase(String column);

  /** A condition that {@code column} contains one bound string, case-sensitively. */
  String contains(String column);

  /**
   * A statement that makes write transactions of every process exclusive, run first in each, or
   * null when the database already serializes writers (SQLite's immediate transactions do).
   */
  default String writerLockSql() {
    return null;
  }

  /** Cleans a string for the database (PostgreSQL text cannot hold NUL). */
  default String text(String s) {
    return s;
  }

  /** Cleans JSON text for the database (PostgreSQL jsonb cannot hold \u0000). */
  default String json(String s) {
    return s;
  }
}
