/**
 * The browser preview in a process of its own (part scale): it stands in for Electron's main
 * process, which routes the page's calls to the cache workers, so its memory and its event loop
 * are measured alone, without the bench's browser driver and sandbox beside them.
 * Started by signed-in-preview.ts with the signed-in data folder's environment (in its env, not its arguments).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startPreview } from '../electron/preview/preview.ts';
import { answerCalls } from './child-calls.ts';
import type { PreviewCall, PreviewReady, PreviewResults } from './preview-protocol.ts';

const preview = await startPreview({
  env: process.env,
  port: 0,
  log: { info: () => {}, warn: () => {}, error: (message) => process.stderr.write(`[preview] ${message}\n`) },
});
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let mainCpu = process.threadCpuUsage();
let processCpu = process.cpuUsage();
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function answer(call: Exclude<PreviewCall, { method: 'close' }>): Promise<PreviewResults[PreviewCall['method']]> {
  switch (call.method) {
    case 'loopDelay': {
      const result = { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6, mainCpuMs: cpuMs(process.threadCpuUsage(mainCpu)), processCpuMs: cpuMs(process.cpuUsage(processCpu)) };
      delay.reset();
      mainCpu = process.threadCpuUsage();
      processCpu = process.cpuUsage();
      return result;
    }
    case 'memory':
      return { rss: process.memoryUsage.rss(), peakRss: process.resourceUsage().maxRSS * 1024, mainHeap: process.memoryUsage().heapTotal };
    case 'visibleColumns':
      return preview.services.settings().visibleColumns;
  }
}

answerCalls(answer, { type: 'ready', url: preview.url } satisfies PreviewReady, () => preview.close());
