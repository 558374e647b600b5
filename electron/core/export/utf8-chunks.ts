/**
 * Text of a file being written (the CSV's lines, a workbook sheet's XML), encoded as it comes into
 * chunks of UTF-8. Encoding row by row into a chunk costs less than joining a chunk's text first:
 * one non-Latin-1 name makes the whole joined text two bytes a character, copied once more before
 * it is encoded.
 */
export class Utf8Chunks {
  readonly #chunkBytes: number;
  #buffer: Buffer;
  #used = 0;

  /** `chunkBytes`: when a chunk is ready to be taken. */
  constructor(chunkBytes: number) {
    this.#chunkBytes = chunkBytes;
    this.#buffer = Buffer.allocUnsafe(chunkBytes + RESERVE);
  }

  add(text: string): void {
    const most = this.#used + text.length * 3; // UTF-8 takes at most 3 bytes per UTF-16 code unit
    if (most > this.#buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(most, this.#chunkBytes + RESERVE));
      this.#buffer.copy(bigger, 0, 0, this.#used);
      this.#buffer = bigger;
    }
    this.#used += this.#buffer.write(text, this.#used);
  }

  /** Whether about `chunkBytes` (or more) wait to be taken. */
  get ready(): boolean {
    return this.#used >= this.#chunkBytes;
  }

  /** Everything added since the last take (a fresh buffer: the caller may keep it). */
  take(): Buffer {
    const chunk = this.#buffer.subarray(0, this.#used);
    this.#buffer = Buffer.allocUnsafe(this.#chunkBytes + RESERVE);
    this.#used = 0;
    return chunk;
  }
}

/** Room past a chunk's size, so the row that fills it fits without growing the buffer. */
const RESERVE = 64 * 1024;
