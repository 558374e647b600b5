/**
 * The index behind a contacts search's `query` on the generated contacts: their searchable values
 * (lower case, one property per line) in one UTF-8 buffer with each contact's start, so a query
 * word is found with Buffer.indexOf instead of generating every contact (seconds at 1,000,000).
 * About 120 bytes a contact. Made on the first `query`: in the calling thread for small
 * sandboxes; for big ones in a worker thread that keeps it and answers the matches (about 10 s of
 * one core to make at 1,000,000), so the server keeps answering meanwhile. Contacts changed at run
 * time are matched from the store's overlay.
 */
import { Worker } from 'node:worker_threads';
import { createContactGenerator } from './contacts-data.ts';
import type { ContactGeneratorOptions, FieldReader } from './contacts-data.ts';

/** what `query` looks in, as HubSpot's default searchable contact properties */
export const QUERY_PROPERTIES = ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'website'];
/** above this many contacts the index is made in a worker thread */
const IN_THREAD_LIMIT = 20_000;

export type IndexSource = Pick<ContactGeneratorOptions, 'seed' | 'total' | 'endMs'>;

/** one contact's searchable text: a query word holds no line break, so it never spans two values */
export function searchableText(read: FieldReader): string {
  let out = '';
  for (const name of QUERY_PROPERTIES) out += `${(read(name) ?? '').toLowerCase()}\n`;
  return out;
}

/** the text of generated contacts `from..to` and where each one starts (relative to the first) */
export function buildIndexPart(source: IndexSource, from: number, to: number): { text: Buffer; starts: Uint32Array } {
  const generator = createContactGenerator(source);
  const starts = new Uint32Array(to - from + 1);
  // written straight into one buffer that grows as needed (about 120 bytes a contact)
  let text = Buffer.allocUnsafe(Math.max(4096, (to - from + 1) * 128));
  let length = 0;
  for (let id = from; id <= to; id++) {
    const piece = searchableText(generator.reader(id));
    if (length + piece.length * 3 > text.length) {
      const bigger = Buffer.allocUnsafe(Math.ceil((text.length + piece.length * 3) * 1.5));
      text.copy(bigger, 0, 0, length);
      text = bigger;
    }
    starts[id - from] = length;
    length += text.write(piece, length, 'utf8');
  }
  return { text: text.subarray(0, length), starts };
}

export class QueryIndex {
  /** contact id − 1 → offset in text; one more entry for the end */
  private readonly starts: Uint32Array;
  private readonly text: Buffer;
  readonly total: number;

  constructor(text: Buffer, starts: Uint32Array) {
    this.text = text;
    this.total = starts.length;
    this.starts = new Uint32Array(starts.length + 1);
    this.starts.set(starts);
    this.starts[starts.length] = text.length;
  }

  /** by contact id: 1 when every word (lower case) is part of one of its searchable values */
  match(words: string[]): Uint8Array {
    if (words.length === 0) return new Uint8Array(this.total + 1).fill(1);
    // the rarest word first (estimated on a sample of the text), so the others are looked for in few contacts
    const [first, ...rest] = words.map((word) => Buffer.from(word)).sort((a, b) => this.sampleCount(a) - this.sampleCount(b));
    const hits = this.everyContactWith(first as Buffer);
    let found = 0;
    for (let id = 1; id <= this.total; id++) found += hits[id] as number;
    for (const needle of rest) {
      if (found > this.total / 16) {
        // still many: one pass over the text is cheaper than looking contact by contact
        const also = this.everyContactWith(needle);
        found = 0;
        for (let id = 1; id <= this.total; id++) found += hits[id] = (hits[id] as number) & (also[id] as number);
        continue;
      }
      for (let id = 1; id <= this.total; id++) {
        if (hits[id] === 1 && !this.text.subarray(this.starts[id - 1], this.starts[id]).includes(needle)) {
          hits[id] = 0;
          found--;
        }
      }
    }
    return hits;
  }

  /** how often a word occurs in the first 256 KB of the text */
  private sampleCount(needle: Buffer): number {
    const sample = this.text.subarray(0, 1 << 18);
    let n = 0;
    for (let at = sample.indexOf(needle); at >= 0; at = sample.indexOf(needle, at + needle.length)) n++;
    return n;
  }

  private everyContactWith(needle: Buffer): Uint8Array {
    const hits = new Uint8Array(this.total + 1);
    // hits come in text order, so the contact holding each one is found by walking forward
    let contact = 0;
    let at = this.text.indexOf(needle, 0);
    while (at >= 0) {
      while ((this.starts[contact + 1] as number) <= at) contact++;
      hits[contact + 1] = 1;
      // one hit per contact is enough: go on from the next contact
      at = this.text.indexOf(needle, this.starts[contact + 1] as number);
    }
    return hits;
  }
}

/** answers which generated contacts hold every word; in this thread or in the index's worker */
export interface QueryMatcher {
  readonly total: number;
  match(words: string[]): Promise<Uint8Array>;
  close(): void;
}

/**
 * Makes the index of every generated contact: here when small; when big, in a worker thread that
 * keeps it and answers matches, so neither making it nor looking in it holds up the server.
 */
export async function buildQueryIndex(source: IndexSource, options: { inThreadLimit?: number } = {}): Promise<QueryMatcher> {
  if (source.total <= (options.inThreadLimit ?? IN_THREAD_LIMIT)) {
    const { text, starts } = buildIndexPart(source, 1, source.total);
    const index = new QueryIndex(text, starts);
    return { total: index.total, match: async (words) => index.match(words), close: () => {} };
  }
  const worker = new Worker(new URL('./query-index-worker.ts', import.meta.url), { workerData: source });
  worker.unref();
  const waiting = new Map<number, { resolve: (hits: Uint8Array) => void; reject: (error: Error) => void }>();
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure ??= error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { ready?: true; id?: number; hits?: Uint8Array }) => {
      if (message.ready) resolve();
      else if (message.id !== undefined && message.hits) waiting.get(message.id)?.resolve(message.hits);
      if (message.id !== undefined) waiting.delete(message.id);
    });
    worker.on('error', (error) => {
      fail(error);
      reject(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`the query index worker stopped (exit code ${code})`);
      fail(error);
      reject(error);
    });
  });
  await ready;
  let next = 0;
  return {
    total: source.total,
    match(words) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, words });
      });
    },
    close: () => void worker.terminate(),
  };
}
