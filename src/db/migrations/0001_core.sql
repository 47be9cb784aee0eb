-- Foundation: region reference list, users and sessions, append-only audit log, jobs.
-- Valid on PostgreSQL 15 and on PGlite (PostgreSQL 18).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Kemendagri region list (idn-area-data). Codes are stored digits-only ("1371011001").
-- A code is never deleted: when it disappears from a newer list it gets retired_in.
CREATE TABLE region (
  code         text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{4})?)?)?$'),
  parent_code  text REFERENCES region (code),
  level        text NOT NULL CHECK (level IN ('provinsi', 'kabupaten', 'kecamatan', 'desa')),
  name         text NOT NULL,
  source       text NOT NULL,
  retired_in   text
);
CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_name_trgm_idx ON region USING gin (lower(name) gin_trgm_ops);

CREATE TABLE region_source (
  source     text PRIMARY KEY,
  loaded_at  timestamptz NOT NULL DEFAULT now(),
  counts     jsonb NOT NULL
);

CREATE TABLE app_user (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username        text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,40}$'),
  full_name       text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120),
  role            text NOT NULL CHECK (role IN ('admin_dinsos', 'operator_kecamatan', 'operator_kelurahan',
                                                'pendamping', 'koordinator', 'ewarong', 'auditor')),
  region_code     text NOT NULL REFERENCES region (code),
  password_hash   text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled_at     timestamptz,
  failed_logins   integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  last_login_at   timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_username_idx ON app_user (username);
CREATE INDEX app_user_region_idx ON app_user (region_code text_pattern_ops);

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256.
CREATE TABLE user_session (
  token_hash    text PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES app_user (id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- API tokens for machine clients, hashed at rest; the clear token is shown once.
CREATE TABLE api_token (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES app_user (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  token_prefix  text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

-- Login attempts by client address, for rate limiting that works across processes.
CREATE TABLE login_attempt (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_ip  text NOT NULL,
  username   text NOT NULL,
  succeeded  boolean NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_ip_at_idx ON login_attempt (client_ip, at);

-- Append-only, hash-chained audit log. hash = sha256(prev_hash || canonical entry);
-- `salur audit verify` recomputes the chain.
CREATE TABLE audit_log (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at              timestamptz NOT NULL,
  actor_user_id   bigint,
  actor_username  text,
  actor_role      text,
  action          text NOT NULL,
  entity_type     text,
  entity_id       text,
  region_code     text,
  request_id      text,
  before          jsonb,
  after           jsonb,
  details         jsonb,
  prev_hash       text NOT NULL,
  hash            text NOT NULL UNIQUE
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Long work (imports, reconciliation, reports). Workers take rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE job (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind            text NOT NULL,
  state           text NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  payload         jsonb NOT NULL DEFAULT '{}',
  progress_done   bigint NOT NULL DEFAULT 0,
  progress_total  bigint,
  message         text,
  result          jsonb,
  error           jsonb,
  attempts        integer NOT NULL DEFAULT 0,
  max_attempts    integer NOT NULL DEFAULT 2,
  created_by      bigint REFERENCES app_user (id),
  region_code     text,
  worker_id       text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  heartbeat_at    timestamptz,
  finished_at     timestamptz
);
CREATE INDEX job_queued_idx ON job (id) WHERE state = 'queued';
CREATE INDEX job_running_idx ON job (heartbeat_at) WHERE state = 'running';
