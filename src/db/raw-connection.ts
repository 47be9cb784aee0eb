/**
 * The few things Salur needs from a database connection beyond what Kysely gives:
 * parameterised queries, multi-statement scripts (migrations) and bulk COPY of CSV text.
 * One implementation per engine (PGlite, pg); both speak the same SQL.
 */
export interface RawResult<R = Record<string, unknown>> {
  rows: R[];
  rowCount: number;
  command: string;
}

export interface RawConnection {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<RawResult<R>>;
  /** Runs a script of several statements (no parameters). */
  exec(script: string): Promise<void>;
  /** Loads CSV text or its UTF-8 bytes (no header) into `table (columns)` with COPY; returns the rows loaded. */
  copyCsv(table: string, columns: readonly string[], csv: string | Uint8Array): Promise<number>;
  /**
   * The rows of a SELECT as COPY text (tab-separated, `\N` for NULL, tab/newline/backslash inside
   * a value escaped): a million rows as one string instead of a million row objects. With
   * `onPart`, the text is handed over in parts as it arrives (a part may end inside a line) and
   * the promise gives ''. COPY takes no parameters: the SELECT carries its values as literals
   * (sqlLiteral).
   */
  copyOut(select: string, onPart?: (part: string) => void): Promise<string>;
}

export interface RawPool {
  acquire(): Promise<{ connection: RawConnection; release: () => void }>;
  end(): Promise<void>;
}

const IDENT = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** COPY takes identifiers, not parameters: accept only plain lower-case names. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) {
    if (!IDENT.test(name)) throw new Error(`unsafe identifier in COPY: ${name}`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}

/** A text value as an SQL literal (standard_conforming_strings, on by default since PostgreSQL 9.1). */
export function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function commandOf(sql: string): string {
  const match = /^\s*(?:with\b[\s\S]*?\)\s*)?([a-z]+)/i.exec(sql);
  return (match?.[1] ?? '').toUpperCase();
}
