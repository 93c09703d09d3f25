-- Seed 002's tables, adapted: times are integer microseconds since the epoch (as everywhere in
-- Loupe), the event keeps the fields that are filtered as columns and its source and data as JSON
-- text, and seq is the idempotency key (the rowid, so events are stored in seq order and paging by
-- seq is free). The category is the type's prefix, filtered as a range on type (no column of its own).

CREATE TABLE sessions (
  session_id       TEXT PRIMARY KEY,
  project          TEXT NOT NULL,
  started_at       INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL,
  ended_at         INTEGER,
  page_url         TEXT,
  page_url_ts      INTEGER NOT NULL,   -- ts of the event that gave page_url (the earliest wins)
  referrer         TEXT,
  user_agent       TEXT,
  device_type      TEXT,
  browser          TEXT,
  os               TEXT,
  viewport_width   INTEGER,
  viewport_height  INTEGER,
  screen_width     INTEGER,
  screen_height    INTEGER,
  user_id          TEXT,
  event_count      INTEGER NOT NULL,
  error_count      INTEGER NOT NULL,
  page_count       INTEGER NOT NULL,
  screenshot_count INTEGER NOT NULL
);
-- Keyset paging walks (sort key, session_id), so both are in the index.
CREATE INDEX sessions_started_at ON sessions (started_at, session_id);
CREATE INDEX sessions_last_activity_at ON sessions (last_activity_at, session_id);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE events (
  seq             INTEGER PRIMARY KEY,
  received_at     INTEGER NOT NULL,
  project         TEXT NOT NULL,
  ts              INTEGER NOT NULL,
  type            TEXT NOT NULL,
  detail_level    TEXT NOT NULL,
  session_id      TEXT,
  url             TEXT,
  source          TEXT NOT NULL,       -- JSON object {kind, name?, event?, metadata?}
  data            TEXT,                -- JSON object; NULL when the record was too large
  truncated       INTEGER NOT NULL
);
CREATE INDEX events_session_seq ON events (session_id, seq);
CREATE INDEX events_ts ON events (ts);
CREATE INDEX events_type_ts ON events (type, ts);

CREATE TABLE screenshots (
  screenshot_id INTEGER PRIMARY KEY,   -- the seq of the screenshot.capture event
  session_id    TEXT,
  ts            INTEGER NOT NULL,
  page_url      TEXT,
  format        TEXT NOT NULL,
  width         INTEGER,
  height        INTEGER,
  size          INTEGER NOT NULL,
  sha256        TEXT,
  data          BLOB                   -- NULL when the blob store no longer had the bytes
);
CREATE INDEX screenshots_session_ts ON screenshots (session_id, ts);
CREATE INDEX screenshots_ts ON screenshots (ts);

-- consumer name -> the last seq it has stored; written in the same transaction as the data.
CREATE TABLE checkpoint (
  consumer TEXT PRIMARY KEY,
  seq      INTEGER NOT NULL
);
