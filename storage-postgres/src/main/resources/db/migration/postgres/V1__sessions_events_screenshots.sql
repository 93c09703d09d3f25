-- Seed 002's tables, adapted. Times are bigint microseconds since the epoch, as everywhere in
-- Loupe: the API filters in µs, the partition bounds are plain integers, and the hot insert path
-- binds longs instead of building timestamps (timestamptz would hold the same µs precision, so
-- nothing is lost by the choice; only psql readability, which to_timestamp(ts / 1e6) restores).
-- session_id uses the "C" collation so that keyset paging orders ids bytewise, like the other
-- backends, whatever the database's locale; type too, so that a category (the type's prefix) is
-- the range type >= 'console.' AND type < 'console/' and LIKE 'network.%' can use the index.

CREATE TABLE sessions (
  session_id       text COLLATE "C" PRIMARY KEY,
  project          text NOT NULL,
  started_at       bigint NOT NULL,
  last_activity_at bigint NOT NULL,
  ended_at         bigint,
  page_url         text,
  page_url_ts      bigint NOT NULL,   -- ts of the event that gave page_url (the earliest wins)
  referrer         text,
  user_agent       text,
  device_type      text,
  browser          text,
  os               text,
  viewport_width   integer,
  viewport_height  integer,
  screen_width     integer,
  screen_height    integer,
  user_id          text,
  event_count      bigint NOT NULL,
  error_count      bigint NOT NULL,
  page_count       bigint NOT NULL,
  screenshot_count bigint NOT NULL
);
CREATE INDEX sessions_started_at ON sessions (started_at, session_id);
CREATE INDEX sessions_last_activity_at ON sessions (last_activity_at, session_id);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Range-partitioned by day on ts. A unique key on a partitioned table must contain the partition
-- key, so the key is (seq, ts): a seq always comes with the same ts (it is the same event), so this
-- is seq's uniqueness in practice, and its index serves lookups and ordering by seq.
CREATE TABLE events (
  seq             bigint NOT NULL,
  received_at     bigint NOT NULL,
  project         text NOT NULL,
  ts              bigint NOT NULL,
  type            text COLLATE "C" NOT NULL,
  detail_level    text NOT NULL,
  session_id      text COLLATE "C",
  url             text,
  source          jsonb NOT NULL,     -- {kind, name?, event?, metadata?}
  data            jsonb,              -- NULL when the record was too large
  truncated       boolean NOT NULL,
  PRIMARY KEY (seq, ts)
) PARTITION BY RANGE (ts);
CREATE INDEX events_session_seq ON events (session_id, seq);
CREATE INDEX events_ts ON events (ts);
CREATE INDEX events_type_ts ON events (type, ts);

-- The safety net: rows whose day partition could not be created land here (it stays empty
-- normally, because the writer creates the partitions of a batch's days before inserting it).
CREATE TABLE events_default PARTITION OF events DEFAULT;

CREATE TABLE screenshots (
  screenshot_id bigint PRIMARY KEY,   -- the seq of the screenshot.capture event
  session_id    text COLLATE "C",
  ts            bigint NOT NULL,
  page_url      text,
  format        text NOT NULL,
  width         integer,
  height        integer,
  size          bigint NOT NULL,
  sha256        text,
  data          bytea               -- NULL when the blob store no longer had the bytes
);
CREATE INDEX screenshots_session_ts ON screenshots (session_id, ts);
CREATE INDEX screenshots_ts ON screenshots (ts);

-- consumer name -> the last seq it has stored; written in the same transaction as the data.
CREATE TABLE checkpoint (
  consumer text PRIMARY KEY,
  seq      bigint NOT NULL
);

-- Creates the partition of one UTC day (days since the epoch), named events_YYYYMMDD. Partition
-- DDL cannot take bind parameters, so it is built here from the integer argument with format().
-- Returns false when the day's rows already sit in the default partition (it cannot be created).
CREATE FUNCTION loupe_ensure_day_partition(epoch_day bigint) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  day_us constant bigint := 86400000000;
  name text := 'events_' || to_char(date '1970-01-01' + epoch_day::integer, 'YYYYMMDD');
BEGIN
  EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF events FOR VALUES FROM (%s) TO (%s)',
                 name, epoch_day * day_us, (epoch_day + 1) * day_us);
  RETURN true;
EXCEPTION WHEN check_violation THEN
  RETURN false;
END;
$$;

-- Drops the day partitions that end at or before cutoff_us; returns how many.
CREATE FUNCTION loupe_drop_day_partitions_before(cutoff_us bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  day_us constant bigint := 86400000000;
  part record;
  dropped integer := 0;
BEGIN
  FOR part IN
    SELECT c.relname
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.oid = 'events'::regclass AND c.relname ~ '^events_[0-9]{8}$'
  LOOP
    IF ((to_date(substr(part.relname, 8), 'YYYYMMDD') - date '1970-01-01') + 1)::bigint * day_us <= cutoff_us THEN
      EXECUTE format('DROP TABLE %I', part.relname);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  RETURN dropped;
END;
$$;
