import { describe, expect, it } from 'vitest';
import { csvRow } from '../../../db/copy-csv';
import type { CellValue } from '../../../platform/files/tabular';
import { DigitKeyTable } from './digit-key-table';
import { createRowValidator } from './fast-validate-row';
import type { DtsenField } from './fields';
import { householdLine } from './first-load';
import { NikSet } from './nik-set';
import { KkRepresentatives, stageLine } from './stage-csv';
import { isRejection, type RowContext, validateRow } from './validate-row';

const FIELDS: DtsenField[] = [
  'kk',
  'nik',
  'name',
  'birthDate',
  'birthPlace',
  'sex',
  'relationship',
  'regionCode',
  'address',
  'rt',
  'rw',
  'desil',
  'idDtsen',
  'idDtks',
  'motherName',
  'status',
];

function context(seen: RowContext['seen']): RowContext {
  return {
    columns: Object.fromEntries(FIELDS.map((f, i) => [f, i])),
    kecamatanExists: (code) => code === '137101' || code === '137102',
    villageExists: (code) => code === '1371011001' || code === '1301011001',
    kabupatenCode: '1371',
    today: new Date('2026-01-15T00:00:00Z'),
    seen,
  };
}

const good: CellValue[] = [
  '1371010101200003',
  '1371014107900001',
  'Siti Aminah',
  '01/07/1990',
  'Padang',
  'P',
  'KEPALA_KELUARGA',
  '1371011001',
  'Jl. Sudirman No. 1',
  '004',
  '007',
  '4',
  'DT1',
  null,
  'Rosna',
  'HIDUP',
];

/** Variations of each cell: usual, unusual but valid, and invalid. */
const VARIANTS: Partial<Record<DtsenField, CellValue[]>> = {
  nik: [
    '1371014107900001',
    '1371010107900002',
    ' 1371014107900001',
    '1371014107900000',
    '1371994107900001',
    '1371013207900001',
    '137101410790000',
    '1,37101E+15',
    1371014107900001,
    null,
    '1371014107000003',
  ],
  kk: ['1371010101200003', '137101010120000', ' 1371010101200003', 1371010101200003, null],
  name: ['Siti Aminah', ' Siti  Aminah ', 'José', null, '', 'A'.repeat(250), 'Siti\tAminah'],
  birthDate: [
    '01/07/1990',
    '1990-07-01',
    '01-07-1990',
    '1/7/1990',
    '31/02/1990',
    '01/07/1870',
    '02/07/1990',
    null,
    33055,
    'kemarin',
  ],
  sex: ['P', 'L', 'pr', 'PEREMPUAN', 'X', null, 2],
  relationship: ['KEPALA_KELUARGA', 'anak kandung', '4', 'BOS', null],
  regionCode: ['1371011001', '13.71.01.1001', '1301011001', '1371019999', '137101', null],
  address: ['Jl. Sudirman No. 1', '  Jl.  Sudirman ', 'Jalan "Baru", Padang', null],
  rt: ['004', '4', 'A', null, 12],
  desil: ['4', '11', '0', 'x', null, 3],
  idDtsen: ['DT1', 'x'.repeat(70), null],
  status: ['HIDUP', 'meninggal dunia', 'PINDAH', 'HILANG', null],
};

describe('fast row validator', () => {
  it('gives exactly validateRow’s answer for every variation of every cell', () => {
    const fastSeen = new NikSet();
    const slowSeen = new Set<string>();
    const fast = createRowValidator(context(fastSeen));
    const slowContext = context(slowSeen);
    let line = 2;
    const rows: CellValue[][] = [good, good]; // the second is DUPLICATE_IN_FILE
    for (const [field, values] of Object.entries(VARIANTS)) {
      const index = FIELDS.indexOf(field as DtsenField);
      for (const value of values) {
        const row = [...good];
        row[index] = value;
        // a fresh NIK for each row, so that only the intended rows are duplicates
        if (field !== 'nik') row[1] = `13710141079${String(line).padStart(5, '0')}`;
        rows.push(row);
      }
    }
    for (const row of rows) {
      line++;
      expect(fast(line, row), JSON.stringify(row)).toEqual(validateRow(line, row, slowContext));
    }
    expect(fastSeen.size).toBe(slowSeen.size);
  });

  it('reads the NIK birth digits against the recorded date and sex as parseNik does', () => {
    // Today is 15 January 2026 (context): dates around it, the century boundaries, women's
    // day + 40, and every kind of disagreement.
    const cases: Array<[ddmmyy: string, recorded: string | null, sex: string | null]> = [];
    const dates = [
      '01/07/1990',
      '15/01/2026',
      '16/01/2026',
      '15/01/1926',
      '16/01/1926',
      '01/07/1925',
      '01/07/2025',
      '29/02/2000',
      '29/02/1900',
      '01/01/1900',
      '31/12/1899',
      '31/12/2099',
      '02/07/1990',
      '01/08/1990',
      '01/07/1991',
      null,
    ];
    for (const ddmmyy of [
      '010790',
      '410790',
      '150126',
      '550126',
      '160126',
      '010725',
      '290200',
      '310299',
      '311299',
    ])
      for (const recorded of dates) for (const sex of ['L', 'P', null]) cases.push([ddmmyy, recorded, sex]);
    const fast = createRowValidator(context(new NikSet()));
    const slowContext = context(new Set<string>());
    let serial = 1;
    for (const [ddmmyy, recorded, sex] of cases) {
      const row = [...good];
      row[1] = `137101${ddmmyy}${String(serial++).padStart(4, '0')}`;
      row[3] = recorded;
      row[5] = sex;
      expect(fast(serial, row), JSON.stringify(row)).toEqual(validateRow(serial, row, slowContext));
    }
  });

  it('DigitKeyTable maps KKs to slots like a Map', () => {
    const slots = new DigitKeyTable();
    const reference = new Map<string, number>();
    let differences = 0;
    for (let i = 0; i < 300_000; i++) {
      const kk = `${1371000000000000 + (i % 200_000) * 104_729}`.slice(0, 16);
      if (slots.get(kk) !== reference.get(kk)) differences++;
      expect(slots.addNew(kk, i)).toBe(!reference.has(kk));
      if (!reference.has(kk)) reference.set(kk, i);
    }
    expect(differences).toBe(0);
    expect(slots.addNew('12345', 7)).toBe(true);
    expect(slots.addNew('12345', 8)).toBe(false);
    expect(slots.get('12345')).toBe(7);
    expect(slots.get('9999999999999999')).toBeUndefined();
  });

  it('NikSet keeps NIKs like a Set', () => {
    const set = new NikSet();
    const reference = new Set<string>();
    let differences = 0;
    for (let i = 0; i < 200_000; i++) {
      const nik = `${9700000000000000 + (i % 150_000) * 7919}`.slice(0, 16);
      if (set.has(nik) !== reference.has(nik)) differences++;
      set.add(nik);
      reference.add(nik);
    }
    expect(differences).toBe(0);
    set.add('not a nik');
    expect(set.has('not a nik')).toBe(true);
    expect(set.has('9700000000000001')).toBe(reference.has('9700000000000001'));
    expect(set.size).toBe(reference.size + 1);
  });
});

describe('stage line', () => {
  it('is the CSV text csvRow gives', () => {
    const seen = new Set<string>();
    const ctx = context(seen);
    const rows: CellValue[][] = [
      good,
      good.map((v, i) =>
        i === 1 ? '1371010107900002' : i === 8 ? 'Jalan "Baru", Padang' : i === 10 ? 'A,B' : v,
      ),
      good.map((v, i) => (i === 1 ? '1371010107900003' : i === 3 ? null : i >= 8 ? null : v)),
    ];
    let line = 1;
    for (const row of rows) {
      const r = validateRow(++line, row, ctx);
      if (isRejection(r)) throw new Error(JSON.stringify(r));
      expect(stageLine(r)).toBe(
        csvRow([
          r.line,
          r.nik,
          r.kk,
          r.name,
          r.birthDate,
          r.birthPlace,
          r.sex,
          r.relationship,
          r.regionCode,
          r.address,
          r.rt,
          r.rw,
          r.desil,
          r.idDtsen,
          r.idDtks,
          r.motherName,
          r.status,
          r.warnings,
        ]),
      );
    }
  });
});

describe('KK representatives', () => {
  it('keep the first head row of each KK, else the first row with a relationship, else the first row', () => {
    const ctx = context(new Set<string>());
    const kks = new KkRepresentatives();
    const person = (line: number, kk: string, relationship: string | null, address: string) => {
      const row = [...good];
      row[0] = kk;
      row[1] = `13710141079${String(line).padStart(5, '0')}`;
      row[6] = relationship;
      row[8] = address;
      const r = validateRow(line, row, ctx);
      if (isRejection(r)) throw new Error(JSON.stringify(r));
      kks.add(r);
    };
    person(2, '1371010101200001', null, 'a1');
    person(3, '1371010101200001', 'ANAK', 'a2');
    person(4, '1371010101200001', 'KEPALA_KELUARGA', 'a3');
    person(5, '1371010101200001', 'KEPALA_KELUARGA', 'a4');
    person(6, '1371010101200002', 'ANAK', 'b1');
    person(7, '1371010101200002', null, 'b2');
    person(8, '1371010101200003', null, 'c1');
    expect([...kks.chunks(2)].join('')).toBe(
      '1371010101200001,1371011001,a3,004,007,DT1,,4,1371014107900004,0\n' +
        '1371010101200002,1371011001,b1,004,007,DT1,,4,1371014107900006,1\n' +
        '1371010101200003,1371011001,c1,004,007,DT1,,4,1371014107900008,2\n',
    );
  });

  it('give each KK a household id when first seen, in order of first appearance', () => {
    const ctx = context(new Set<string>());
    const kks = new KkRepresentatives(501, householdLine);
    const person = (line: number, kk: string, relationship: string | null) => {
      const row = [...good];
      row[0] = kk;
      row[1] = `13710141079${String(line).padStart(5, '0')}`;
      row[6] = relationship;
      const r = validateRow(line, row, ctx);
      if (isRejection(r)) throw new Error(JSON.stringify(r));
      return kks.add(r);
    };
    expect(kks.lastHouseholdId).toBeNull();
    expect(person(2, '1371010101200007', 'ANAK')).toBe(501);
    expect(person(3, '1371010101200003', null)).toBe(502);
    expect(person(4, '1371010101200007', 'KEPALA_KELUARGA')).toBe(501);
    expect(person(5, '1371010101200003', 'ISTRI')).toBe(502);
    expect(kks.lastHouseholdId).toBe(502);
    const lines = [...kks.chunks(10)].join('').split('\n');
    expect(lines[0]).toBe('501,1371010101200007,1371,1371011001,Jl. Sudirman No. 1,004,007,DT1,');
    expect(lines[1]).toBe('502,1371010101200003,1371,1371011001,Jl. Sudirman No. 1,004,007,DT1,');
  });
});
