/**
 * COPY lines gathered as UTF-8 bytes, one line at a time, until the chunk is sent.
 *
 * Why not an array of strings joined at the end: a chunk's 50,000–100,000 lines then live as
 * young strings until it is sent, and every scavenge of the garbage collector copies them
 * again (measured on 1 M people: reading 0.3 s faster this way). Written here, each line's
 * string dies at once; the bytes sit outside the JS heap and go to COPY as they are.
 */
export class LineBuffer {
  private buffer: Buffer;
  private length = 0;
  /** Lines appended since the last take(). */
  lines = 0;

  constructor(private readonly initialBytes = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  append(line: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const needed = this.length + line.length * 3;
    if (needed > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, needed));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(line, this.length, 'utf8');
    this.lines++;
  }

  /** The bytes gathered since the last call (the buffer is not reused: the bytes may still be on their way). */
  take(): Uint8Array {
    const bytes = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(Math.max(this.initialBytes, this.length));
    this.length = 0;
    this.lines = 0;
    return bytes;
  }
}
