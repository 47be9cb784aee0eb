-- Registry core: households (keluarga) and people. The registry issue extends these with
-- KK history, change history and imports; the foundation needs them for the demo office
-- and for proving role × region scope on personal data.

CREATE TABLE household (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kk              text NOT NULL CHECK (kk ~ '^[0-9]{16}$'),
  kabupaten_code  text NOT NULL,
  region_code     text NOT NULL REFERENCES region (code),
  address         text,
  rt              text,
  rw              text,
  id_dtsen        text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (length(region_code) = 10 AND kabupaten_code = substr(region_code, 1, 4))
);
CREATE UNIQUE INDEX household_kk_idx ON household (kk);
CREATE INDEX household_region_idx ON household (region_code text_pattern_ops);

CREATE TABLE person (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  nik                text NOT NULL CHECK (nik ~ '^[0-9]{16}$'),
  household_id       bigint REFERENCES household (id),
  kabupaten_code     text NOT NULL,
  region_code        text NOT NULL REFERENCES region (code),
  name               text NOT NULL,
  birth_place        text,
  birth_date         date,
  sex                text CHECK (sex IN ('L', 'P')),
  relationship       text,
  mother_name        text,
  status             text NOT NULL DEFAULT 'HIDUP' CHECK (status IN ('HIDUP', 'MENINGGAL', 'PINDAH')),
  death_date         date,
  schooling          text,
  pregnancy_due_date date,
  severe_disability  boolean NOT NULL DEFAULT false,
  nik_warnings       text[] NOT NULL DEFAULT '{}',
  id_dtsen           text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX person_nik_idx ON person (nik);
CREATE INDEX person_household_idx ON person (household_id);
CREATE INDEX person_region_idx ON person (region_code text_pattern_ops);
CREATE INDEX person_name_trgm_idx ON person USING gin (lower(name) gin_trgm_ops);

-- DTSEN welfare rank per edition ("2026-01"): desil 1 (poorest) … 10.
CREATE TABLE household_desil (
  household_id  bigint NOT NULL REFERENCES household (id),
  edition       text NOT NULL CHECK (edition ~ '^[0-9]{4}-[0-9]{2}$'),
  desil         smallint NOT NULL CHECK (desil BETWEEN 1 AND 10),
  PRIMARY KEY (household_id, edition)
);
