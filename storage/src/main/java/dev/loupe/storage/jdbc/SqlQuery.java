package dev.loupe.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A statement under construction: SQL text made only of fixed fragments, enum column names and
 * {@code ?} placeholders, with the values kept aside and bound in order.
 */
final class SqlQuery {
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  SqlQuery sql(String fragment) {
    sql.append(fragment);
    return this;
  }

  SqlQuery param(Object value) {
    params.add(value);
    return this;
  }

  /** Appends {@code fragment} (which has {@code values.length} placeholders) and its values. */
  SqlQuery sql(String fragment, Object... values) {
    sql.append(fragment);
    Collections.addAll(params, values);
    return this;
  }

  /** {@code ?, ?, ?} for n values. */
  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  String text() {
    return sql.toString();
  }

  List<Object> params() {
    return params;
  }

  SqlQuery copy() {
    SqlQuery q = new SqlQuery();
    q.sql.append(sql);
    q.params.addAll(params);
    return q;
  }

  PreparedStatement prepare(Connection c) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
    return ps;
  }
}
