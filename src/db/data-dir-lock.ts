import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../platform/errors';

/**
 * PGlite takes no lock on its data directory, and two processes writing it corrupt it
 * (measured, ARCHITECTURE.md). Salur holds `<dataDir>.lock` (created exclusively, holding the
 * owner's pid) for as long as a process has the directory open. A lock whose pid is gone is
 * stale and is taken over.
 */
export interface LockInfo {
  pid: number;
  hostname: string;
  kind: 'server' | 'cli';
  url?: string;
  startedAt: string;
}

export interface DataDirLock {
  path: string;
  update(patch: Partial<LockInfo>): void;
  release(): void;
}

export class DataDirBusyError extends AppError {
  constructor(
    readonly dataDir: string,
    readonly owner: LockInfo,
  ) {
    const who =
      owner.kind === 'server'
        ? `server Salur (pid ${owner.pid}${owner.url ? `, ${owner.url}` : ''})`
        : `perintah salur lain (pid ${owner.pid})`;
    super(
      'DATA_DIR_BUSY',
      `Database di ${dataDir} sedang dipakai oleh ${who}. Hentikan proses itu dulu` +
        (owner.kind === 'server' ? ', atau jalankan perintah ini melalui server (lihat docs/cli.md).' : '.'),
      409,
      { pid: owner.pid, kind: owner.kind, url: owner.url },
    );
  }
}

export function lockPathFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockPathFor(dataDir), 'utf8')) as LockInfo;
    return isAlive(info) ? info : null;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(
  dataDir: string,
  owner: { kind: 'server' | 'cli'; url?: string },
): DataDirLock {
  const lockPath = lockPathFor(dataDir);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  let info: LockInfo = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    ...owner,
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify(info));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          fs.unlinkSync(lockPath);
        } catch {}
      };
      process.on('exit', release);
      return {
        path: lockPath,
        update(patch) {
          info = { ...info, ...patch };
          fs.writeFileSync(lockPath, JSON.stringify(info));
        },
        release,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readLockFile(lockPath);
      if (current && isAlive(current)) throw new DataDirBusyError(dataDir, current);
      // Stale: the owner died without cleaning up. Remove and try once more.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

function readLockFile(lockPath: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

function isAlive(info: LockInfo): boolean {
  if (info.hostname !== os.hostname()) return true; // another machine on a shared disk: assume alive
  if (info.pid === process.pid) return true;
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
