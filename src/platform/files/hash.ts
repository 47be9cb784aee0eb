import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { ValidationError } from '../errors';

/** SHA-256 of a file, streamed: identifies exactly which file an import or check read. */
export async function fileSha256(filePath: string): Promise<string> {
  await assertReadableFile(filePath);
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Refuses, with the operator's answer, a path that is missing, a folder or unreadable. Every
 * reader of an input file calls it first (the hash before the import opens the file, the table
 * reader), so a typo in the path gives the same error code whichever runs first, never a raw
 * ENOENT/EISDIR from Node.
 */
export async function assertReadableFile(filePath: string): Promise<void> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(filePath);
  } catch (error) {
    throw fileAccessError(filePath, error);
  }
  if (stat.isDirectory())
    throw new ValidationError(
      'FILE_IS_DIRECTORY',
      `${filePath} adalah folder, bukan berkas: sebutkan berkas .csv atau .xlsx di dalamnya.`,
    );
  try {
    await fs.promises.access(filePath, fs.constants.R_OK);
  } catch (error) {
    throw fileAccessError(filePath, error);
  }
}

function fileAccessError(filePath: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new ValidationError('FILE_NOT_FOUND', `Berkas ${filePath} tidak ditemukan.`);
  if (code === 'EACCES' || code === 'EPERM')
    return new ValidationError(
      'FILE_NOT_READABLE',
      `Berkas ${filePath} tidak dapat dibaca: tidak ada izin baca untuk pengguna ini.`,
    );
  return error as Error;
}
