-- FerretDB 1.24 on PostgreSQL turns an equality filter into `_jsonb -> 'field' @> value`, which
-- the btree indexes it creates on `(_jsonb -> 'field')` cannot answer: PostgreSQL scans the whole
-- table for every lookup, even by _id. This gives the first field of each index FerretDB creates
-- a GIN index that can (jsonb_path_ops serves @>), so lookups stay flat as documents accumulate.
-- FerretDB never sees these indexes (it keeps its own list); dropping a collection drops them.
-- Run by scripts/lib/postgres.mjs in single-user mode before every start: `-j` ends each
-- statement at a semicolon followed by an empty line.

CREATE OR REPLACE FUNCTION cb_equality_index(made oid) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  field text := substring(pg_get_indexdef(made) FROM 'USING btree \(\(\(_jsonb -> ''([^'']+)''::text\)\)');
  tbl oid := (SELECT indrelid FROM pg_index WHERE indexrelid = made);
BEGIN
  IF field IS NOT NULL THEN
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L) jsonb_path_ops)',
      'cb_eq_' || left(md5(tbl::text || '/' || field), 24), tbl::regclass, field);
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION cb_equality_indexes() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  made record;
BEGIN
  FOR made IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    PERFORM cb_equality_index(made.objid);
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS cb_equality_indexes;

CREATE EVENT TRIGGER cb_equality_indexes ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION cb_equality_indexes();

-- The indexes FerretDB made before this trigger existed (a database kept from an earlier start).
SELECT cb_equality_index(indexrelid) FROM pg_index
  WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace NOT IN (
    SELECT oid FROM pg_namespace WHERE nspname IN ('pg_catalog', 'information_schema', 'pg_toast')));

