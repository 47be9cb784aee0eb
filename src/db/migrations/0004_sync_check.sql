-- Sync check (cek sinkron, issue 3): the local registry compared with a central DTSEN extract
-- from Pusdatin. Reads the registry, never changes it; one row per run that committed.

CREATE TABLE sync_check (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_name        text NOT NULL,
  file_sha256      text NOT NULL,
  file_format      text NOT NULL,
  rows_read        integer NOT NULL,
  accepted         integer NOT NULL,
  rejected         integer NOT NULL,
  -- Totals per status, rejections per reason, compared fields, covered kecamatan.
  summary          jsonb NOT NULL,
  created_by       bigint REFERENCES app_user (id),
  created_by_name  text,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- One status per person and check. region_code is the local record's kelurahan when the
-- person is in the local registry, else the extract's (HANYA_PUSAT): scope is a prefix of it.
-- person_id has no foreign key on purpose: an item is a snapshot of the day of the check.
CREATE TABLE sync_check_item (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  check_id        bigint NOT NULL REFERENCES sync_check (id) ON DELETE CASCADE,
  nik             text NOT NULL CHECK (nik ~ '^[0-9]{16}$'),
  person_id       bigint,
  status          text NOT NULL CHECK (status IN ('SINKRON', 'BEDA_DATA', 'HANYA_LOKAL', 'HANYA_PUSAT')),
  region_code     text NOT NULL CHECK (length(region_code) = 10),
  kecamatan_code  text NOT NULL CHECK (kecamatan_code = substr(region_code, 1, 6)),
  name            text NOT NULL,
  -- The person's status in the local registry (HIDUP, MENINGGAL, PINDAH); null for HANYA_PUSAT.
  local_status    text,
  -- Differing fields as { field: [local, central] } (the shape of person_history.fields).
  differences     jsonb NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX sync_check_item_nik_idx ON sync_check_item (check_id, nik);
CREATE INDEX sync_check_item_scope_idx ON sync_check_item (check_id, region_code text_pattern_ops, status);
-- Report order (ids follow kelurahan, status, name): keyset pages of an export or a list.
CREATE INDEX sync_check_item_order_idx ON sync_check_item (check_id, id);
