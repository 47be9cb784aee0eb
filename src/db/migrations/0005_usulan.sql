-- Proposals to the centre (usulan, issue 3): an operator proposes adding a family, changing a
-- person's data, or removing a person or a family; the kecamatan then Dinsos decide; approved
-- proposals leave in one SIKS-NG file per batch; a later DTSEN edition closes them (SELESAI).
-- Valid on PostgreSQL 15 and PGlite.

-- One file per batch, kept as sent: the same bytes can be downloaded again and compared (sha256).
CREATE TABLE usulan_batch (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_by       bigint REFERENCES app_user (id),
  created_by_name  text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  -- The scope of whoever made it (a kabupaten/kota): who may list and download it.
  region_code      text NOT NULL,
  file_name        text NOT NULL,
  count            integer NOT NULL CHECK (count > 0),
  file_sha256      text NOT NULL,
  content          bytea NOT NULL
);
CREATE INDEX usulan_batch_region_idx ON usulan_batch (region_code text_pattern_ops, id);

CREATE TABLE usulan (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind                 text NOT NULL
                       CHECK (kind IN ('TAMBAH_KELUARGA', 'UBAH_DATA', 'HAPUS_ORANG', 'HAPUS_KELUARGA')),
  -- The desa/kelurahan of the family or person concerned: every scope check is a prefix of it.
  region_code          text NOT NULL REFERENCES region (code),
  kabupaten_code       text NOT NULL,
  household_id         bigint REFERENCES household (id),
  person_id            bigint REFERENCES person (id),
  -- The person concerned, or the head of the new family (TAMBAH_KELUARGA).
  nik                  text CHECK (nik ~ '^[0-9]{16}$'),
  -- Shown in lists without a join: the person concerned or the head of the family.
  subject_name         text NOT NULL,
  -- The proposed data: members/KK/address, { changes, previous }, or { cause, eventDate }.
  payload              jsonb NOT NULL DEFAULT '{}',
  reason               text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  status               text NOT NULL DEFAULT 'DIAJUKAN'
                       CHECK (status IN ('DIAJUKAN', 'DISETUJUI_KECAMATAN', 'DISETUJUI_DINSOS', 'DIKIRIM',
                                         'SELESAI', 'DITOLAK')),
  created_by           bigint REFERENCES app_user (id),
  created_by_name      text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  batch_id             bigint REFERENCES usulan_batch (id),
  -- The DTSEN import in which the change was seen (status SELESAI).
  fulfilled_import_id  bigint REFERENCES registry_import (id),
  CHECK (length(region_code) = 10 AND kabupaten_code = substr(region_code, 1, 4)),
  CHECK (CASE kind
           WHEN 'TAMBAH_KELUARGA' THEN nik IS NOT NULL AND person_id IS NULL AND household_id IS NULL
           WHEN 'HAPUS_KELUARGA' THEN household_id IS NOT NULL
           ELSE person_id IS NOT NULL AND nik IS NOT NULL
         END),
  CHECK ((status IN ('DIKIRIM', 'SELESAI')) = (batch_id IS NOT NULL)),
  CHECK ((status = 'SELESAI') = (fulfilled_import_id IS NOT NULL))
);
CREATE INDEX usulan_region_idx ON usulan (region_code text_pattern_ops, id);
CREATE INDEX usulan_status_idx ON usulan (status, id);
CREATE INDEX usulan_batch_idx ON usulan (batch_id);
CREATE INDEX usulan_nik_idx ON usulan (nik);
-- One proposal of a kind per person (or family, or new head) waiting for a decision. Once sent
-- (DIKIRIM) a new one may be made: the centre may not have taken the first.
CREATE UNIQUE INDEX usulan_pending_subject_idx
  ON usulan (kind, (CASE kind WHEN 'TAMBAH_KELUARGA' THEN nik
                              WHEN 'HAPUS_KELUARGA' THEN household_id::text
                              ELSE person_id::text END))
  WHERE status IN ('DIAJUKAN', 'DISETUJUI_KECAMATAN', 'DISETUJUI_DINSOS');

-- History of each proposal: who moved it, from which status to which, and why.
CREATE TABLE usulan_event (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  usulan_id      bigint NOT NULL REFERENCES usulan (id),
  at             timestamptz NOT NULL DEFAULT now(),
  actor_user_id  bigint REFERENCES app_user (id),
  actor_name     text NOT NULL,
  actor_role     text,
  from_status    text,
  to_status      text NOT NULL,
  comment        text
);
CREATE INDEX usulan_event_usulan_idx ON usulan_event (usulan_id, id);

-- Supporting documents (photo or PDF). The type is what the bytes are (magic numbers), never
-- what the name or the browser says; at most 5 MB each.
CREATE TABLE usulan_evidence (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  usulan_id         bigint NOT NULL REFERENCES usulan (id),
  file_name         text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  mime_type         text NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size_bytes        integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content           bytea NOT NULL,
  uploaded_by       bigint REFERENCES app_user (id),
  uploaded_by_name  text NOT NULL,
  uploaded_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (length(content) = size_bytes)
);
CREATE UNIQUE INDEX usulan_evidence_file_idx ON usulan_evidence (usulan_id, sha256);
