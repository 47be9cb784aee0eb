import type { SalurDatabase } from '../../src/db/database';
import type { RawConnection } from '../../src/db/raw-connection';

/**
 * Wraps a database so that every statement sent through `raw` (inside `transaction()` or
 * `withConnection()`) is timed, summed by a label: the statement's first words, or
 * `COPY <table>`. Lets a benchmark say where an import's time goes without copying its SQL.
 * Statements sent through the transaction's Kysely handle are not seen (they are few and small).
 */
export function timeStatements(database: SalurDatabase) {
  const totals = new Map<string, number>();
  async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await run();
    } finally {
      totals.set(label, (totals.get(label) ?? 0) + performance.now() - start);
    }
  }
  const labelOf = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 64);
  const wrap = (raw: RawConnection): RawConnection => ({
    query: <R>(sql: string, params?: readonly unknown[]) =>
      timed(labelOf(sql), () => raw.query<R>(sql, params)),
    exec: (script) => timed(labelOf(script), () => raw.exec(script)),
    copyCsv: (table, columns, csv) => timed(`COPY ${table}`, () => raw.copyCsv(table, columns, csv)),
    copyOut: (select, onPart) => timed(`COPY OUT ${labelOf(select)}`, () => raw.copyOut(select, onPart)),
  });
  const timedDatabase: SalurDatabase = {
    ...database,
    transaction: (body) => database.transaction((tx) => body({ db: tx.db, raw: wrap(tx.raw) })),
    withConnection: (body) => database.withConnection((raw) => body(wrap(raw))),
  };
  return {
    database: timedDatabase,
    /** Seconds by label, slowest first, since the last call (which resets the totals). */
    take(): Record<string, number> {
      const entries = [...totals].sort((a, b) => b[1] - a[1]);
      totals.clear();
      return Object.fromEntries(entries.map(([label, ms]) => [label, Math.round(ms) / 1000]));
    },
  };
}
