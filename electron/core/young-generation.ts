/**
 * Holds the young generation (V8's new space, where new objects start) of every thread in this
 * process at the size it has. Called once where a process is composed (createServices; the bench's
 * sync child does the same), not by any module that only happens to allocate.
 *
 * V8 doubles a thread's young generation each time objects surviving its collections add up to its
 * size, up to its largest (64 MB on the main thread here), and gives it back only when the thread
 * allocates under about 1 MB a second. A sync parses pages of contacts on the main thread for
 * minutes on end, and a page being parsed when a collection runs survives it: over a big sync the
 * main thread's young generation grows to its largest and stays there (about 60 MB of the
 * process's memory). The usual remedy, --max-semi-space-size, only works when given at the
 * process's start, which the desktop app cannot do for its own main process; V8 reads its growth
 * factor each time it grows, so setting that to 1 takes effect at run time.
 *
 * Node documents changing V8's flags after start as unsupported. Checked with Node 24.21's V8
 * (13.6): the flag takes effect (test/unit/core/young-generation.test.ts). Electron 45's V8 cannot be
 * run on the machines this was written on. A V8 that does not know the flag prints one line
 * ("unrecognized flag") and carries on: only the saving is lost.
 *
 * Cost: more frequent young collections, and objects moved to the old generation sooner.
 */
import { setFlagsFromString } from 'node:v8';

let held = false;

export function holdYoungGeneration(): void {
  if (held) return;
  held = true;
  setFlagsFromString('--semi-space-growth-factor=1');
}
