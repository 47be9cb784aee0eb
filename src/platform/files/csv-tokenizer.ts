/**
 * A fast streaming tokenizer for plain CSV, used by tabular.ts before csv-parse.
 *
 * It gives exactly what csv-parse gives with tabular.ts's options (bom, one-character
 * delimiter, relax_column_count, skip_empty_lines, trim, info.lines) for the files offices
 * normally send: LF or CRLF line ends, fields plain or wholly quoted with `""` escapes, no
 * whitespace around fields. Anything else — whitespace to trim, a stray quote, a lone CR,
 * a CR inside quotes, an unclosed quote, mixed line ends — throws `CsvFallback`, and the
 * caller reads the file again with csv-parse, which then decides (same values, same line
 * numbers, same error messages). The fast path only ever handles what needs no judgement.
 *
 * Why: csv-parse walks the file byte by byte through a state machine; splitting lines with
 * indexOf/split is several times faster on a 1 M-row file (issue 3, performance).
 */

export interface CsvRecord {
  /** The line the record ends on, 1-based, as csv-parse's `info.lines` counts it. */
  line: number;
  /** The record's fields (named as tabular.ts's rows name them: the reader hands the record on as a row). */
  cells: string[];
}

/** Thrown when the input needs csv-parse's full rules: read the file again with it. */
export class CsvFallback extends Error {
  constructor(reason: string) {
    super(`CSV fast path not applicable: ${reason}`);
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Characters csv-parse's `trim` removes (its timchars, and String#trimEnd's set), and any control character. */
export function isTrimmable(code: number): boolean {
  if (code <= 32) return true;
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

export interface CsvTokenizer {
  /** Tokenizes the next piece of text; complete records are appended to `out`. */
  push(text: string, out: CsvRecord[]): void;
  /** The end of the input: the last record, if it has no line end. */
  end(out: CsvRecord[]): void;
}

export function createCsvTokenizer(delimiter: string): CsvTokenizer {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n')
    throw new CsvFallback(`delimiter ${JSON.stringify(delimiter)}`);
  const delim = delimiter.charCodeAt(0);
  let rest = '';
  let started = false;
  /** Line number of the next character to read. */
  let line = 1;
  /** Record delimiter, fixed by the first line end (as csv-parse discovers it). */
  let crlf: boolean | null = null;

  function checkPlain(fields: string[]): void {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.length > 0 && (isTrimmable(f.charCodeAt(0)) || isTrimmable(f.charCodeAt(f.length - 1))))
        throw new CsvFallback(`whitespace around a field at line ${line}`);
    }
  }

  /** Length of the line end at `at` (0 when none); the first one fixes CRLF or LF. */
  function lineEndAt(text: string, at: number): number {
    const c = text.charCodeAt(at);
    if (c === LF) {
      if (crlf === null) crlf = false;
      if (crlf) throw new CsvFallback(`LF in a CRLF file at line ${line}`);
      return 1;
    }
    if (c === CR) {
      if (at + 1 >= text.length) return -1; // need the next character
      if (text.charCodeAt(at + 1) !== LF) throw new CsvFallback(`lone CR at line ${line}`);
      if (crlf === null) crlf = true;
      if (!crlf) throw new CsvFallback(`CRLF in an LF file at line ${line}`);
      return 2;
    }
    return 0;
  }

  /**
   * A record containing a quote, from `start`: returns the index after its line end, or -1
   * when the text ends first (more input needed, unless `eof`).
   */
  function quotedRecord(text: string, start: number, eof: boolean, out: CsvRecord[]): number {
    const fields: string[] = [];
    let i = start;
    let lines = 0;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        value = '';
        let j = i + 1;
        for (;;) {
          const k = text.indexOf('"', j);
          if (k === -1) {
            if (eof) throw new CsvFallback(`unclosed quote at line ${line + lines}`);
            return -1;
          }
          const piece = text.slice(j, k);
          if (piece.includes('\r')) throw new CsvFallback(`CR inside quotes at line ${line + lines}`);
          for (let n = piece.indexOf('\n'); n !== -1; n = piece.indexOf('\n', n + 1)) lines++;
          value += piece;
          if (k + 1 >= text.length && !eof) return -1;
          if (text.charCodeAt(k + 1) === QUOTE) {
            value += '"';
            j = k + 2;
            continue;
          }
          i = k + 1;
          break;
        }
      } else {
        let j = i;
        for (; j < text.length; j++) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvFallback(`quote inside a field at line ${line + lines}`);
        }
        if (j >= text.length && !eof) return -1;
        value = text.slice(i, j);
        if (
          value.length > 0 &&
          (isTrimmable(value.charCodeAt(0)) || isTrimmable(value.charCodeAt(value.length - 1)))
        )
          throw new CsvFallback(`whitespace around a field at line ${line + lines}`);
        i = j;
      }
      fields.push(value);
      if (i >= text.length) {
        // eof: the record ends with the input
        out.push({ line: line + lines, cells: fields });
        line += lines;
        return i;
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      const end = lineEndAt(text, i);
      if (end === -1) {
        if (!eof) return -1;
        throw new CsvFallback(`lone CR at line ${line + lines}`);
      }
      if (end === 0) throw new CsvFallback(`text after a closing quote at line ${line + lines}`);
      out.push({ line: line + lines, cells: fields });
      line += lines + 1;
      return i + end;
    }
  }

  function run(text: string, eof: boolean, out: CsvRecord[]): void {
    let pos = 0;
    const length = text.length;
    // Cursors to the next quote and CR: found once, not searched again for every line.
    let nextQuote = -2;
    let nextCr = -2;
    while (pos < length) {
      let nl = text.indexOf('\n', pos);
      if (nl === -1) {
        if (!eof) break;
        nl = length;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextQuote !== -1 && nextQuote < nl) {
        const next = quotedRecord(text, pos, eof, out);
        if (next === -1) break;
        pos = next;
        continue;
      }
      if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
      let end = nl;
      if (nl < length) {
        if (crlf === null) crlf = nl > pos && nextCr === nl - 1;
        if (crlf) {
          if (nextCr !== nl - 1) {
            if (nl === pos) throw new CsvFallback(`LF in a CRLF file at line ${line}`);
            throw new CsvFallback(
              nextCr < nl && nextCr !== -1 ? `lone CR at line ${line}` : `LF in a CRLF file at line ${line}`,
            );
          }
          end = nl - 1;
        } else if (nextCr !== -1 && nextCr < nl) throw new CsvFallback(`CR in an LF file at line ${line}`);
      } else if (nextCr !== -1 && nextCr < nl) {
        // the last line, without a line end
        throw new CsvFallback(`lone CR at line ${line}`);
      }
      if (end > pos) {
        const fields = text.slice(pos, end).split(delimiter);
        checkPlain(fields);
        out.push({ line, cells: fields });
      }
      line++;
      pos = nl + 1;
    }
    rest = pos < length ? text.slice(pos) : '';
  }

  return {
    push(chunk, out) {
      if (!started) {
        started = true;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      run(rest.length > 0 ? rest + chunk : chunk, false, out);
    },
    end(out) {
      if (rest.length > 0) run(rest, true, out);
      rest = '';
    },
  };
}
