import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvFallback, type CsvRecord, createCsvTokenizer } from './csv-tokenizer';
import { openTabular, type TabularRow } from './tabular';

/** What csv-parse gives with tabular.ts's options: the reference the fast path must match. */
function reference(text: string, delimiter = ','): CsvRecord[] {
  const records = parse(text, {
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    trim: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  return records.map((r) => ({ line: r.info.lines, cells: r.record }));
}

/** The fast tokenizer fed in pieces of `size` characters; 'fallback' when it hands over to csv-parse. */
function tokenize(text: string, size: number, delimiter = ','): CsvRecord[] | 'fallback' {
  const tokenizer = createCsvTokenizer(delimiter);
  const out: CsvRecord[] = [];
  try {
    for (let i = 0; i < text.length; i += size) tokenizer.push(text.slice(i, i + size), out);
    tokenizer.end(out);
  } catch (error) {
    if (error instanceof CsvFallback) return 'fallback';
    throw error;
  }
  return out;
}

/** Same records as csv-parse in every chunking, or a fallback (never a different answer). */
function expectSameAsCsvParse(text: string, delimiter = ',', { fast = true } = {}) {
  const expected = reference(text, delimiter);
  for (const size of [1, 2, 3, 7, 64, text.length + 1]) {
    const got = tokenize(text, size, delimiter);
    if (fast) expect(got, `chunk size ${size}`).toEqual(expected);
    else expect(got, `chunk size ${size}`).toBe('fallback');
  }
}

describe('CSV fast tokenizer: the same records and line numbers as csv-parse', () => {
  it('plain LF and CRLF files, with and without a final line end', () => {
    expectSameAsCsvParse('a,b,c\n1,2,3\n4,5,6\n');
    expectSameAsCsvParse('a,b,c\n1,2,3\n4,5,6');
    expectSameAsCsvParse('a,b,c\r\n1,2,3\r\n4,5,6\r\n');
    expectSameAsCsvParse('a,b,c\r\n1,2,3\r\n4,5,6');
  });

  it('a BOM is dropped', () => {
    expectSameAsCsvParse('\uFEFFNIK,NAMA\n1,Ani\n');
    expectSameAsCsvParse('\uFEFFNIK;NAMA\r\n1;Ani\r\n', ';');
  });

  it('empty lines are skipped but counted', () => {
    expectSameAsCsvParse('a,b\n\n1,2\n\n\n3,4\n\n');
    expectSameAsCsvParse('a,b\r\n\r\n1,2\r\n\r\n3,4\r\n');
    expectSameAsCsvParse('\n\na,b\n1,2\n');
  });

  it('ragged rows keep their own length; empty fields are empty strings', () => {
    expectSameAsCsvParse('a,b,c\n1\n1,2,3,4\n,,\n1,,3,\n');
  });

  it('quoted fields: embedded delimiters, doubled quotes, empty quotes, newlines', () => {
    expectSameAsCsvParse('a,b\n"Kampung Baru, Tanjung Aua",2\n"say ""hi""",""\n');
    expectSameAsCsvParse('a,b\n"line one\nline two",2\n3,"x\n\ny"\n4,5\n');
    expectSameAsCsvParse('a,b\r\n"x, y",2\r\n"",""\r\n3,4\r\n');
    expectSameAsCsvParse('"a","b"\n"1","2"');
    expectSameAsCsvParse('a,b\n" keep spaces ",2\n');
  });

  it('semicolons, tabs and pipes as delimiters', () => {
    expectSameAsCsvParse('a;b\n1;"x;y"\n', ';');
    expectSameAsCsvParse('a\tb\n1\t\t3\n', '\t');
    expectSameAsCsvParse('a|b\n1|2\n', '|');
  });

  it('non-ASCII text passes through', () => {
    expectSameAsCsvParse('nama,kota\nJosé Ñuñez,Bukittinggi\n名前,東京\n');
  });

  it('hands over to csv-parse for whatever needs its full rules', () => {
    for (const text of [
      'a,b\n  x  ,y\n', // whitespace to trim
      'a,b\n x," y"\n',
      'a,b\n1,2 \n',
      'a,b\n1,\u00a0x\n',
      'a,b\n   \n1,2\n', // a whitespace-only line
      'a,b\n1,x"y"\n', // a stray quote (csv-parse: INVALID_OPENING_QUOTE)
      'a,b\n1,"x"y\n', // text after a closing quote
      'a,b\n1,"x" ,2\n',
      'a,b\n1,"open\n', // unclosed quote
      'a,b\n1\r2,3\n', // a lone CR
      'a,b\r\n1\n2,3\r\n', // LF in a CRLF file
      'a,b\n1,2\r\n', // CRLF in an LF file
      'a,b\n"x\r\ny",2\n', // CR inside quotes (csv-parse counts two lines)
    ]) {
      expect(tokenize(text, 1), JSON.stringify(text)).toBe('fallback');
      expect(tokenize(text, text.length + 1), JSON.stringify(text)).toBe('fallback');
    }
  });

  it('random CSV-like text: the same as csv-parse whenever it does not hand over', () => {
    const alphabet = ['a', 'b', '1', ',', ',', '"', '\n', '\n', '\r\n', ' ', ';', 'é'];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    let fast = 0;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(random() * 30);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      let expected: CsvRecord[] | 'error';
      try {
        expected = reference(text);
      } catch {
        expected = 'error';
      }
      for (const size of [1, 5, 1000]) {
        const got = tokenize(text, size);
        if (got === 'fallback') continue;
        fast++;
        expect(got, JSON.stringify(text)).toEqual(expected);
      }
    }
    expect(fast).toBeGreaterThan(1000);
  });
});

describe('openTabular on CSV files (fast path and csv-parse fallback)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-tabular-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  async function read(text: string) {
    const file = path.join(dir, `f${n++}.csv`);
    fs.writeFileSync(file, text);
    const tabular = await openTabular(file);
    const rows: TabularRow[] = [];
    for await (const row of tabular.rows) rows.push(row);
    return { headers: tabular.headers, delimiter: tabular.delimiter, rows };
  }

  it('gives header, rows with file line numbers, and null for empty cells', async () => {
    const result = await read('\uFEFFNIK;NAMA;RT\r\n\r\n1;"Ani; Budi";\r\n2;"x\ny";3\r\n');
    expect(result.delimiter).toBe(';');
    expect(result.headers).toEqual(['NIK', 'NAMA', 'RT']);
    expect(result.rows).toEqual([
      { line: 3, cells: ['1', 'Ani; Budi', null] },
      { line: 5, cells: ['2', 'x\ny', '3'] },
    ]);
  });

  it('a file that needs csv-parse midway gives the same rows as csv-parse alone', async () => {
    const lines = ['A,B'];
    for (let i = 0; i < 50_000; i++) lines.push(`${i},v${i}`);
    lines.push('  padded , "q" ');
    lines.push('last,row');
    const result = await read(`${lines.join('\n')}\n`);
    expect(result.rows).toHaveLength(50_002);
    expect(result.rows[0]).toEqual({ line: 2, cells: ['0', 'v0'] });
    expect(result.rows[50_000]).toEqual({ line: 50_002, cells: ['padded', 'q'] });
    expect(result.rows[50_001]).toEqual({ line: 50_003, cells: ['last', 'row'] });
  });

  it('a broken quote is reported in Bahasa Indonesia with its line and column', async () => {
    const lines = ['A,B'];
    for (let i = 0; i < 50_000; i++) lines.push(`${i},v${i}`);
    await expect(read(`${lines.join('\n')}\n3,x"y"\n`)).rejects.toMatchObject({
      code: 'FILE_FORMAT',
      message: expect.stringContaining(
        'CSV rusak: di baris 50002 kolom ke-2 ada tanda kutip (") di tengah isi sel',
      ),
    });
  });

  it('an empty file has no header row', async () => {
    await expect(read('\n\n')).rejects.toMatchObject({ code: 'FILE_EMPTY' });
  });
});
