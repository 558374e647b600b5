/**
 * The index behind a contacts search's `query` on the generated contacts: their searchable values
 * (lower case, one property per line) in one UTF-8 buffer with each contact's start, so a query
 * word is found with Buffer.indexOf instead of generating every contact (seconds at 1,000,000).
 * About 120 bytes a contact. Made on the first `query`: in the calling thread for small
 * sandboxes, in a worker thread for big ones (about 10 s of one core at 1,000,000), so the server
 * keeps answering meanwhile. Contacts changed at run time are matched from the store's overlay.
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
    let result: Uint8Array | undefined;
    for (const word of words) {
      const hits = new Uint8Array(this.total + 1);
      const needle = Buffer.from(word);
      // hits come in text order, so the contact holding each one is found by walking forward
      let contact = 0;
      let at = this.text.indexOf(needle, 0);
      while (at >= 0) {
        while ((this.starts[contact + 1] as number) <= at) contact++;
        hits[contact + 1] = 1;
        // one hit per contact is enough: go on from the next contact
        at = this.text.indexOf(needle, this.starts[contact + 1] as number);
      }
      if (result) for (let id = 1; id <= this.total; id++) result[id] = (result[id] as number) & (hits[id] as number);
      else result = hits;
    }
    return result ?? new Uint8Array(this.total + 1).fill(1);
  }
}

/** makes the index of every generated contact: here when small, in a worker thread when big */
export async function buildQueryIndex(source: IndexSource, options: { inThreadLimit?: number } = {}): Promise<QueryIndex> {
  if (source.total <= (options.inThreadLimit ?? IN_THREAD_LIMIT)) {
    const { text, starts } = buildIndexPart(source, 1, source.total);
    return new QueryIndex(text, starts);
  }
  const worker = new Worker(new URL('./query-index-worker.ts', import.meta.url), { workerData: source });
  try {
    const [message] = (await Promise.race([
      new Promise((resolve) => worker.once('message', (m) => resolve([m]))),
      new Promise((_, reject) => {
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the query index worker stopped (exit code ${code})`)));
      }),
    ])) as [{ text: Uint8Array; starts: Uint32Array }];
    return new QueryIndex(Buffer.from(message.text.buffer, message.text.byteOffset, message.text.byteLength), message.starts);
  } finally {
    void worker.terminate();
  }
}
