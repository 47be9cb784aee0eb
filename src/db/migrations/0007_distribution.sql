-- Programmes and distribution (issue 4): programmes, benefit rules as data, periods,
-- allocations (alokasi), channel reports (penyaluran), reconciliation results, non-compliance.
-- Money is always bigint rupiah (DOMAIN.md: rupiah are integers).

CREATE TABLE program (
  code            text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,29}$'),
  name            text NOT NULL,
  -- PKH and SEMBAKO are the central programmes; LOCAL ones are paid from the APBD.
  kind            text NOT NULL CHECK (kind IN ('PKH', 'SEMBAKO', 'LOCAL')),
  -- Which period codes the programme uses: TAHAP 2026-T2, MONTH 2026-03, QUARTER 2026-Q1.
  period_kinds    text[] NOT NULL,
  funding         text NOT NULL CHECK (funding IN ('APBN', 'APBD')),
  -- LOCAL only: the budget (rupiah) and the value paid per KPM per period.
  budget          bigint CHECK (budget IS NULL OR budget >= 0),
  benefit_amount  bigint CHECK (benefit_amount IS NULL OR benefit_amount >= 0),
  created_by      bigint REFERENCES app_user (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Benefit rules with validity dates (DOMAIN.md "Programmes — rules kept as data"). A new value
-- is a new row from its date; the row it replaces gets valid_to. Nothing is deleted.
CREATE TABLE benefit_rule (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  program_code  text NOT NULL REFERENCES program (code),
  key           text NOT NULL,
  value         bigint NOT NULL,
  valid_from    date NOT NULL,
  valid_to      date,
  source        text,
  created_by    bigint REFERENCES app_user (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX benefit_rule_key_idx ON benefit_rule (program_code, key, valid_from);

CREATE TABLE program_period (
  program_code      text NOT NULL REFERENCES program (code),
  period            text NOT NULL CHECK (period ~ '^[0-9]{4}-(T[1-4]|Q[1-4]|0[1-9]|1[0-2])$'),
  status            text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'FINAL')),
  finalised_at      timestamptz,
  finalised_by      bigint REFERENCES app_user (id),
  reconciled_at     timestamptz,
  -- The reconciliation summary as it stood when reconciled (frozen with the period).
  summary           jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_code, period)
);

-- One row per committed allocation file (or local enrolment run).
CREATE TABLE allocation_import (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  program_code     text NOT NULL,
  period           text NOT NULL,
  source           text NOT NULL CHECK (source IN ('FILE', 'LOCAL_ENROLMENT')),
  file_name        text,
  file_sha256      text,
  rows_read        integer NOT NULL,
  accepted         integer NOT NULL,
  rejected         integer NOT NULL,
  summary          jsonb NOT NULL,
  created_by       bigint REFERENCES app_user (id),
  created_by_name  text,
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (program_code, period) REFERENCES program_period (program_code, period)
);
CREATE INDEX allocation_import_period_idx ON allocation_import (program_code, period);

CREATE TABLE allocation_import_rejection (
  import_id  bigint NOT NULL REFERENCES allocation_import (id),
  line       integer NOT NULL,
  reasons    text[] NOT NULL,
  fields     text[] NOT NULL,
  original   jsonb NOT NULL,
  PRIMARY KEY (import_id, line)
);

-- One line per KPM per period as the centre (or the local enrolment) decided it. The
-- household's region and the PKH calculation are copied at import, so later registry edits
-- do not change an allocation (the period freezes them for good when finalised).
CREATE TABLE allocation (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id        bigint NOT NULL REFERENCES allocation_import (id),
  line             integer NOT NULL,
  program_code     text NOT NULL,
  period           text NOT NULL,
  nik              text NOT NULL CHECK (nik ~ '^[0-9]{16}$'),
  kk               text,
  name             text,
  amount           bigint NOT NULL CHECK (amount >= 0),
  channel          text NOT NULL CHECK (channel IN ('BRI', 'BNI', 'MANDIRI', 'BTN', 'BSI', 'POS')),
  account          text,
  household_id     bigint,
  person_id        bigint,
  -- The household's village (10 digits) or, for a NIK unknown in the registry, the NIK's
  -- kecamatan (6 digits): role × region scope is `scope_code LIKE prefix || '%'`.
  scope_code       text NOT NULL,
  -- NIK_NOT_IN_REGISTRY, NIK_INVALID, AMOUNT_MISMATCH, KK_MISMATCH …
  flags            text[] NOT NULL DEFAULT '{}',
  -- PKH: the entitlement computed from the registry members, and how (components chosen).
  expected_amount  bigint,
  calculation      jsonb,
  FOREIGN KEY (program_code, period) REFERENCES program_period (program_code, period)
);
CREATE INDEX allocation_period_idx ON allocation (program_code, period, scope_code text_pattern_ops);
CREATE INDEX allocation_nik_idx ON allocation (program_code, period, nik);
CREATE INDEX allocation_household_idx ON allocation (household_id);
CREATE INDEX allocation_import_idx ON allocation (import_id);

-- One row per committed channel report file (penyaluran).
CREATE TABLE disbursement_report (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  program_code     text NOT NULL,
  period           text NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('BRI', 'BNI', 'MANDIRI', 'BTN', 'BSI', 'POS')),
  file_name        text NOT NULL,
  file_sha256      text NOT NULL,
  rows_read        integer NOT NULL,
  accepted         integer NOT NULL,
  rejected         integer NOT NULL,
  summary          jsonb NOT NULL,
  created_by       bigint REFERENCES app_user (id),
  created_by_name  text,
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (program_code, period) REFERENCES program_period (program_code, period),
  -- The same file imported twice for a period is recognised, never counted twice.
  UNIQUE (program_code, period, file_sha256)
);

CREATE TABLE disbursement_report_rejection (
  report_id  bigint NOT NULL REFERENCES disbursement_report (id),
  line       integer NOT NULL,
  reasons    text[] NOT NULL,
  fields     text[] NOT NULL,
  original   jsonb NOT NULL,
  PRIMARY KEY (report_id, line)
);

-- What the channel says it paid (or failed to pay), per line of its report.
CREATE TABLE disbursement (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id      bigint NOT NULL REFERENCES disbursement_report (id),
  line           integer NOT NULL,
  program_code   text NOT NULL,
  period         text NOT NULL,
  channel        text NOT NULL,
  nik            text,
  account        text,
  amount         bigint NOT NULL CHECK (amount >= 0),
  paid_on        date,
  status         text NOT NULL CHECK (status IN ('BERHASIL', 'GAGAL')),
  reason         text,
  -- The allocation line this report line pays; NULL = TIDAK_DIALOKASIKAN.
  allocation_id  bigint REFERENCES allocation (id),
  -- Scope of the line: the allocation's scope_code, else the NIK's kecamatan when known.
  scope_code     text NOT NULL DEFAULT ''
);
CREATE INDEX disbursement_period_idx ON disbursement (program_code, period);
CREATE INDEX disbursement_allocation_idx ON disbursement (allocation_id);
CREATE INDEX disbursement_report_idx ON disbursement (report_id);

-- The reconciliation status of every allocation line, written by each reconciliation run
-- and frozen with the period.
CREATE TABLE reconciliation_line (
  allocation_id   bigint PRIMARY KEY REFERENCES allocation (id),
  program_code    text NOT NULL,
  period          text NOT NULL,
  status          text NOT NULL CHECK (status IN ('TERSALUR', 'GAGAL_SALUR', 'SELISIH_NOMINAL', 'BELUM_ADA_LAPORAN', 'GANDA')),
  paid_amount     bigint NOT NULL DEFAULT 0,
  paid_count      integer NOT NULL DEFAULT 0,
  failed_count    integer NOT NULL DEFAULT 0,
  last_paid_on    date,
  failure_reason  text
);
CREATE INDEX reconciliation_line_period_idx ON reconciliation_line (program_code, period, status);

-- A commitment (komitmen) the family missed in a period: the PKH check cuts 10 % (DOMAIN.md
-- "Sanctions"; the percentage is the benefit rule pkh.sanction_percent).
CREATE TABLE kpm_noncompliance (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  household_id   bigint NOT NULL REFERENCES household (id),
  program_code   text NOT NULL REFERENCES program (code),
  period         text NOT NULL,
  reason         text NOT NULL,
  recorded_by    bigint REFERENCES app_user (id),
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (household_id, program_code, period)
);

-- Seeds: the central programmes and the rules of DOMAIN.md (source cited on each row).
INSERT INTO program (code, name, kind, period_kinds, funding) VALUES
  ('PKH', 'Program Keluarga Harapan', 'PKH', '{TAHAP}', 'APBN'),
  ('SEMBAKO', 'Program Sembako (BPNT)', 'SEMBAKO', '{MONTH,QUARTER}', 'APBN');

INSERT INTO benefit_rule (program_code, key, value, valid_from, valid_to, source) VALUES
  ('PKH', 'targeting.desil_max', 4, '2025-01-01', NULL, 'Kepmensos 79/HUK/2025'),
  ('SEMBAKO', 'targeting.desil_max', 5, '2025-01-01', NULL, 'Kepmensos 79/HUK/2025'),
  ('PKH', 'pkh.max_members', 4, '2019-01-01', NULL, 'Pedoman PKH: paling banyak 4 anggota'),
  ('PKH', 'pkh.sanction_percent', 10, '2019-01-01', NULL, 'Pedoman PKH: potongan 10% per triwulan'),
  ('PKH', 'pkh.index.ibu_hamil', 2400000, '2019-01-01', '2020-01-01', 'Indeks PKH 2019'),
  ('PKH', 'pkh.index.ibu_hamil', 3000000, '2020-01-01', NULL, 'Indeks PKH 2020 dst.'),
  ('PKH', 'pkh.index.anak_usia_dini', 2400000, '2019-01-01', '2020-01-01', 'Indeks PKH 2019'),
  ('PKH', 'pkh.index.anak_usia_dini', 3000000, '2020-01-01', NULL, 'Indeks PKH 2020 dst.'),
  ('PKH', 'pkh.index.anak_sd', 900000, '2019-01-01', NULL, 'Indeks PKH 2019 dst.'),
  ('PKH', 'pkh.index.anak_smp', 1500000, '2019-01-01', NULL, 'Indeks PKH 2019 dst.'),
  ('PKH', 'pkh.index.anak_sma', 2000000, '2019-01-01', NULL, 'Indeks PKH 2019 dst.'),
  ('PKH', 'pkh.index.disabilitas_berat', 2400000, '2019-01-01', NULL, 'Indeks PKH 2019 dst.'),
  ('PKH', 'pkh.index.lanjut_usia', 2400000, '2019-01-01', NULL, 'Indeks PKH 2019 dst.'),
  ('PKH', 'pkh.limit.ibu_hamil', 2, '2019-01-01', NULL, 'Pedoman PKH'),
  ('PKH', 'pkh.limit.anak_usia_dini', 2, '2019-01-01', NULL, 'Pedoman PKH'),
  ('PKH', 'pkh.limit.disabilitas_berat', 1, '2019-01-01', NULL, 'Pedoman PKH'),
  ('PKH', 'pkh.limit.lanjut_usia', 1, '2019-01-01', NULL, 'Pedoman PKH'),
  ('SEMBAKO', 'sembako.monthly', 110000, '2017-01-01', '2020-01-01', 'Pedoman BPNT 2017–2019'),
  ('SEMBAKO', 'sembako.monthly', 150000, '2020-01-01', '2020-10-01', 'Pedoman Program Sembako 2020'),
  ('SEMBAKO', 'sembako.monthly', 200000, '2020-10-01', NULL, 'Pedoman Program Sembako akhir 2020 dst.');
