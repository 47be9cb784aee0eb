import type { RawConnection } from '../../db/raw-connection';

/**
 * Indexes built from COPY text (RawConnection.copyOut: a million rows as one string, not a
 * million row objects) for the imports that match or link file lines while reading them (the
 * channel report's and the allocation file's direct ways). An index is built part by part while
 * the server sends the text (add), or at once from the whole text in a worker thread (fromText).
 */

/** Splits COPY text arriving in parts into whole lines (a part may end inside a line). */
class CopyLines {
  /** The start of a line cut at the end of the last part. */
  private carry = '';

  /** Calls `onLine(text, start, end)` for each complete line of `part` (end: its newline). */
  add(part: string, onLine: (text: string, start: number, end: number) => void): void {
    const text = this.carry === '' ? part : this.carry + part;
    let at = 0;
    for (let lineEnd = text.indexOf('\n'); lineEnd >= 0; lineEnd = text.indexOf('\n', at)) {
      onLine(text, at, lineEnd);
      at = lineEnd + 1;
    }
    this.carry = text.slice(at);
  }

  finish(): void {
    if (this.carry !== '') throw new Error('COPY text ended inside a line');
  }
}

/** How COPY text writes NULL. */
export const COPY_NULL = '\\N';

/** Whether text[start, end) is `value`, without cutting a string out of the text. */
export function sameText(text: string, start: number, end: number, value: string): boolean {
  return end - start === value.length && text.startsWith(value, start);
}

/**
 * The base of an index over COPY text: splits the parts into lines, counts them and hands each
 * to the subclass's addLine (text, start, end: the line's newline).
 */
export abstract class CopyTextIndex {
  private readonly lines = new CopyLines();
  protected count = 0;

  static fromText<T extends CopyTextIndex>(
    this: new (
      expectedLines: number,
    ) => T,
    text: string,
    lines: number,
  ): T {
    const index = new this(lines);
    index.add(text);
    return index.finish();
  }

  get size(): number {
    return this.count;
  }

  /** Indexes the complete lines of `part`; a line cut at its end waits for the next part. */
  add(part: string): void {
    this.lines.add(part, this.addLine);
  }

  finish(): this {
    this.lines.finish();
    return this;
  }

  protected abstract readonly addLine: (text: string, start: number, end: number) => void;
}

/** The whole COPY text of a SELECT and its line count (for an index built in a worker thread). */
export async function copyOutText(raw: RawConnection, select: string) {
  const text = await raw.copyOut(select);
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return { text, lines };
}

/**
 * The slots an index reserves for an expected number of lines (a planner's estimate, a line
 * count): at least a small table, and bounded, since a stale estimate must not reserve gigabytes
 * (beyond it the index grows).
 */
export function presizedCapacity(expectedLines: number): number {
  return Number.isFinite(expectedLines) ? Math.min(Math.max(expectedLines, 1024), 8_000_000) : 1024;
}

/** A typed array twice as long, with the same values first. */
export function grown<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(old: T): T {
  const bigger = new (old.constructor as new (length: number) => T)(old.length * 2);
  bigger.set(old);
  return bigger;
}

/** Distinct values (scopes, channels) numbered in order of appearance. */
export class Interned {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  codeOf(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
}
