/** The preview serves dist/renderer: build it (vite) when it is missing or older than its sources. */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(join(root, 'dist', 'renderer', 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

export function rendererIsCurrent(): boolean {
  return builtAt() >= Math.max(newestIn(join(root, 'renderer')), newestIn(join(root, 'electron', 'ipc')));
}

export async function ensureRendererBuilt(say: (line: string) => void): Promise<void> {
  if (rendererIsCurrent()) return;
  say('table: dist/renderer is missing or out of date; running vite build');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit code ${code})`))));
  });
}
