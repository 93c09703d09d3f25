/**
 * What the SQL backends share: the table layout's column lists, the row mappings, the transactional
 * write algorithm and the query translation, parameterised by a small {@link dev.loupe.storage.jdbc.SqlDialect}.
 * Every value reaches SQL as a bind parameter; only column names from enums and placeholder lists are
 * ever put into statement text. Not an API: used by {@code storage-sqlite} and {@code storage-postgres}.
 */
package dev.loupe.storage.jdbc;
