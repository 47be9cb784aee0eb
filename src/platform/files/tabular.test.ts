import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSha256 } from './hash';
import { openTabular, type TabularRow } from './tabular';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salur-tabular-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function readAll(text: string) {
  const file = path.join(dir, `f${n++}.csv`);
  fs.writeFileSync(file, text);
  const tabular = await openTabular(file);
  const rows: TabularRow[] = [];
  for await (const row of tabular.rows) rows.push(row);
  return rows;
}

describe('an input path that is not a readable file', () => {
  const missing = path.join(dir, 'tidak-ada.csv');

  it('a missing file is FILE_NOT_FOUND, from the hash as from the reader', async () => {
    await expect(fileSha256(missing)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', status: 400 });
    await expect(openTabular(missing)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('a path under a regular file is FILE_NOT_FOUND too (ENOTDIR)', async () => {
    const file = path.join(dir, 'biasa.csv');
    fs.writeFileSync(file, 'A\n1\n');
    await expect(fileSha256(path.join(file, 'x.csv'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('a folder is FILE_IS_DIRECTORY with a message in Bahasa Indonesia', async () => {
    const folder = path.join(dir, 'folder.csv');
    fs.mkdirSync(folder);
    // One at a time: a second promise made up front could reject before it is awaited.
    for (const attempt of [() => fileSha256(folder), () => openTabular(folder)])
      await expect(attempt()).rejects.toMatchObject({
        code: 'FILE_IS_DIRECTORY',
        message: expect.stringContaining('adalah folder, bukan berkas'),
      });
  });
});

describe('a broken CSV is explained in Bahasa Indonesia', () => {
  it('an unclosed quote names the line where the quote opened, not the end of the file', async () => {
    const text = 'NIK,NAMA,NOMINAL\n1,Ani,750000\n2,"Budi,750000\n3,Cici,750000\n4,Dedi,750000\n';
    await expect(readAll(text)).rejects.toMatchObject({
      code: 'FILE_FORMAT',
      message: expect.stringContaining('tanda kutip (") yang dibuka di baris 3 tidak pernah ditutup'),
      details: { line: 3, csvCode: 'CSV_QUOTE_NOT_CLOSED' },
    });
  });

  it('an unclosed quote after an escaped "" and a closed quote still finds the opening line', async () => {
    const text = 'A,B\n1,"x ""y"""\n2,"ok"\n\n3,z\n4,"buka\n5,w\n';
    await expect(readAll(text)).rejects.toMatchObject({ details: { line: 6 } });
  });

  it('text after a closing quote says to double the quote or remove it', async () => {
    await expect(readAll('A,B\n1,"Jl. "Mawar" 3"\n')).rejects.toMatchObject({
      code: 'FILE_FORMAT',
      message: expect.stringMatching(
        /^CSV rusak: di baris 2 kolom ke-2 ada teks setelah tanda kutip penutup.*\(""\)/,
      ),
    });
  });

  it('no English from csv-parse reaches the operator', async () => {
    for (const text of ['A,B\n1,"x\n', 'A,B\n1,"x"y\n', 'A,B\n1,x"y\n', 'A,B\n1,"x" y\n']) {
      const error = await readAll(text).catch((e: Error) => e);
      expect(error).toMatchObject({ code: 'FILE_FORMAT' });
      expect((error as Error).message).not.toMatch(/Quote|quote|line|found/);
    }
  });
});
