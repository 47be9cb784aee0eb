import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { NotFoundError, ValidationError } from '../errors';

/**
 * Uploaded files kept on disk until the job that reads them has run. The id is a random
 * UUID: the stored name never contains the user's file name (which may hold a NIK or a name).
 */
const ALLOWED = new Set(['.csv', '.txt', '.tsv', '.xlsx']);

export async function saveUpload(filesDir: string, body: NodeJS.ReadableStream, fileName: string) {
  const ext = path.extname(fileName).toLowerCase();
  if (!ALLOWED.has(ext)) {
    throw new ValidationError(
      'FILE_FORMAT',
      `Jenis berkas ${ext || '(tanpa ekstensi)'} tidak didukung: unggah .csv atau .xlsx.`,
    );
  }
  const id = `${randomUUID()}${ext}`;
  const dir = path.join(filesDir, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, id);
  try {
    await pipeline(body, fs.createWriteStream(target));
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
  return { id, path: target, bytes: fs.statSync(target).size };
}

export function uploadPath(filesDir: string, id: string): string {
  if (!/^[0-9a-f-]{36}\.(csv|txt|tsv|xlsx)$/.test(id))
    throw new ValidationError('UPLOAD_ID', 'Kode unggahan tidak sah.');
  const target = path.join(filesDir, 'uploads', id);
  if (!fs.existsSync(target)) throw new NotFoundError('Berkas unggahan');
  return target;
}

export function removeUpload(filesDir: string, id: string): void {
  fs.rmSync(path.join(filesDir, 'uploads', path.basename(id)), { force: true });
}
