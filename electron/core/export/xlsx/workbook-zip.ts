/**
 * The workbook's zip package over yazl: parts are added in order, yazl deflates them on Node's zlib
 * threads (ZIP64 when a sheet outgrows 4 GB), and the zip bytes go to `out` as they come.
 *
 * Why yazl: a streaming zip writer that only uses Node's own zlib (no native build, one small
 * dependency), writes ZIP64 where needed, and keeps memory flat; the workbook XML around it is small
 * enough to write here (workbook-parts.ts, sheet-xml.ts) rather than pull in a spreadsheet library.
 */
import { PassThrough } from 'node:stream';
import { ZipFile } from 'yazl';

/**
 * The fastest deflate: the least work for the processor, which counts most on a busy computer.
 * Measured on a million contacts (12 columns): level 6, zlib's default, makes the workbook 14%
 * smaller (103 MB instead of 120 MB) for 40% more processor time; level 3 saves 4%.
 */
const COMPRESSION_LEVEL = 1;

/** A part being streamed into the package: bytes in, deflated in the background. */
export interface PartStream {
  /** Queues the bytes; false once the backlog is full: await `drained()` before writing more. Throws once the package failed. */
  write(bytes: Uint8Array): boolean;
  drained(): Promise<void>;
  end(): void;
}

export class WorkbookZip {
  readonly #zip = new ZipFile();
  readonly #finished: Promise<void>;
  readonly #parts = new Set<PassThrough>();
  #error: unknown = null;
  /** Settles when the package fails: whatever waits for yazl or a stream stops waiting. */
  readonly #stopped: Promise<void>;
  #stop: () => void = () => {};

  /** `out` receives the file's bytes in order; it may throw (a full disk), which fails the package. */
  constructor(out: (bytes: Uint8Array) => void) {
    this.#stopped = new Promise((resolve) => (this.#stop = resolve));
    const output = this.#zip.outputStream;
    output.on('data', (chunk: Buffer) => {
      if (this.#error !== null) return;
      try {
        out(chunk);
      } catch (error) {
        this.fail(error);
      }
    });
    this.#finished = new Promise((resolve, reject) => {
      output.once('end', resolve);
      output.once('error', reject);
      this.#zip.once('error', reject);
    });
    this.#finished.catch((error: unknown) => this.fail(error));
  }

  /** A small part, whole. */
  addText(path: string, text: string): void {
    this.#zip.addBuffer(Buffer.from(text), path, { compressionLevel: COMPRESSION_LEVEL });
  }

  /**
   * A big part, streamed. The backlog lets the rows of the next chunk be made while the zlib
   * threads deflate the previous ones, instead of taking turns.
   */
  openPart(path: string, backlogBytes: number): PartStream {
    const stream = new PassThrough({ highWaterMark: backlogBytes });
    this.#parts.add(stream);
    stream.once('close', () => this.#parts.delete(stream));
    this.#zip.addReadStream(stream, path, { compressionLevel: COMPRESSION_LEVEL });
    return {
      write: (bytes) => {
        // after a failure the stream is destroyed: say what went wrong rather than write into it
        this.throwIfFailed();
        return stream.write(bytes);
      },
      drained: () => this.#drained(stream),
      end: () => stream.end(),
    };
  }

  async #drained(stream: PassThrough): Promise<void> {
    this.throwIfFailed();
    await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), this.#stopped]);
    this.throwIfFailed();
  }

  /** No more parts: waits until every byte went to `out` (or the package failed: then throws why). */
  async finish(): Promise<void> {
    this.#zip.end();
    await Promise.race([this.#finished, this.#stopped]);
    this.throwIfFailed();
  }

  /** Stops the package; nothing more reaches `out`, and a write waiting for the compressor returns (and throws). */
  fail(error: unknown): void {
    if (this.#error !== null) return;
    this.#error = error;
    for (const part of this.#parts) part.destroy();
    this.#stop();
  }

  throwIfFailed(): void {
    if (this.#error !== null) throw this.#error;
  }
}
