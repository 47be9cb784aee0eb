import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../platform/errors';
import type { SalurDatabase } from './database';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((file) => FILE_NAME.test(file))
    .sort()
    .map((file) => {
      const [, version, name] = FILE_NAME.exec(file)!;
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return { version: Number(version), name: name!, sql, checksum: sha256(sql) };
    });
}

export class MigrationChecksumError extends AppError {
  constructor(version: number, name: string) {
    super(
      'MIGRATION_CHANGED',
      `Migrasi ${String(version).padStart(4, '0')}_${name} sudah diterapkan tetapi isinya berubah. ` +
        'Migrasi bersifat maju saja: buat migrasi baru, jangan ubah yang lama.',
      500,
      { version, name },
    );
  }
}

/**
 * Forward-only, checksummed migrations, all pending files in one transaction; an
 * applied file whose text changed stops start-up. On PostgreSQL an advisory lock keeps two
 * processes starting at once from racing.
 */
export async function migrate(database: SalurDatabase, files = readMigrationFiles()): Promise<number> {
  return database.transaction(async ({ raw }) => {
    if (database.kind === 'postgres') await raw.query('SELECT pg_advisory_xact_lock(727001)');
    await raw.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await raw.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migration ORDER BY version',
    );
    const applied = new Map(rows.map((row) => [row.version, row]));
    let level = 0;
    for (const file of files) {
      const done = applied.get(file.version);
      if (done) {
        if (done.checksum !== file.checksum) throw new MigrationChecksumError(file.version, file.name);
      } else {
        await raw.exec(file.sql);
        await raw.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [
          file.version,
          file.name,
          file.checksum,
        ]);
      }
      level = file.version;
    }
    return level;
  });
}

export async function migrationLevel(database: SalurDatabase): Promise<number> {
  const row = await database.db
    .selectFrom('schema_migration')
    .select((eb) => eb.fn.max('version').as('level'))
    .executeTakeFirst();
  return Number(row?.level ?? 0);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
