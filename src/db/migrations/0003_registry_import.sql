-- Registry import of central DTSEN/DTKS files, change history, KK history, absence flags.

ALTER TABLE person ADD COLUMN id_dtks text;
ALTER TABLE person ADD COLUMN last_seen_edition text;
-- Set when a later edition covering the person's kecamatan no longer lists them (never deleted).
ALTER TABLE person ADD COLUMN absent_since_edition text;
ALTER TABLE household ADD COLUMN id_dtks text;

-- One row per import run that committed. A run that crashed left nothing, this row included.
CREATE TABLE registry_import (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('DTSEN', 'DTKS')),
  edition          text NOT NULL CHECK (edition ~ '^[0-9]{4}-[0-9]{2}$'),
  file_name        text NOT NULL,
  file_sha256      text NOT NULL,
  file_format      text NOT NULL,
  rows_read        integer NOT NULL,
  accepted         integer NOT NULL,
  rejected         integer NOT NULL,
  summary          jsonb NOT NULL,
  created_by       bigint REFERENCES app_user (id),
  created_by_name  text,
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_import_edition_idx ON registry_import (edition);

-- Rejected rows, with the original values as the file had them, for the error report.
CREATE TABLE registry_import_rejection (
  import_id  bigint NOT NULL REFERENCES registry_import (id),
  line       integer NOT NULL,
  reasons    text[] NOT NULL,
  fields     text[] NOT NULL,
  original   jsonb NOT NULL,
  PRIMARY KEY (import_id, line)
);

-- Every change to a person: from which import or which user, what changed (field: [before, after]).
CREATE TABLE person_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES person (id),
  import_id   bigint REFERENCES registry_import (id),
  user_id     bigint REFERENCES app_user (id),
  at          timestamptz NOT NULL DEFAULT now(),
  change      text NOT NULL CHECK (change IN ('INSERT', 'UPDATE', 'ABSENT', 'RETURNED')),
  fields      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX person_history_person_idx ON person_history (person_id, id);
CREATE INDEX person_history_import_idx ON person_history (import_id);

-- A household's KK numbers over time (the KK changes on moves, splits, a new head).
CREATE TABLE household_kk_history (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  household_id  bigint NOT NULL REFERENCES household (id),
  kk            text NOT NULL,
  valid_from    timestamptz NOT NULL DEFAULT now(),
  valid_to      timestamptz,
  import_id     bigint REFERENCES registry_import (id)
);
CREATE INDEX household_kk_history_household_idx ON household_kk_history (household_id, valid_from);
CREATE INDEX household_kk_history_kk_idx ON household_kk_history (kk);
