/**
 * Static scan of the Electron glue with @doyensec/electronegativity. The tool exits 0 whatever it
 * finds, so this reads its findings and fails on any HIGH one that is not justified inline.
 *
 * Justification convention: electronegativity's own `eng-disable` comment on the flagged line,
 * followed by ` -- justified: ` and the reason, e.g.
 *   webviewTag: true, // eng-disable WEBVIEW_TAG_JS_CHECK -- justified: shows our own help pages only
 * The scanner skips the annotated line; this test rejects any eng-disable without a reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const desktopDir = join(root, 'electron', 'desktop');
const electronVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron!;

interface Finding {
  id: string;
  file: string;
  line: number;
  severity: string;
  confidence: string;
  description: string;
}

// Runs in a child process, offline on purpose: the tool's only network use is fetching translation
// updates (and Electron's release list for AVAILABLE_SECURITY_FIXES, excluded: the Electron version
// is pinned in package.json instead). Its HTTP client is replaced by one that fails at once, the
// path it takes anyway on a machine without internet, minus the retries; the checks themselves
// are untouched.
const scanner = `
const tool = ${JSON.stringify(join(root, 'node_modules', '@doyensec', 'electronegativity'))};
const gotPath = require.resolve('got', { paths: [tool] });
const offline = () => Promise.reject(new Error('offline'));
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
require(tool)({ input: process.argv[1], isRelative: true, electronVersionOverride: process.argv[2], excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] })
  .then((result) => {
    const findings = result.issues.map((issue) => ({
      id: issue.id, file: issue.file, line: issue.location ? issue.location.line : 0,
      severity: issue.severity.name, confidence: issue.confidence.name, description: issue.description,
    }));
    process.stdout.write('\\n@@findings@@' + JSON.stringify({ findings, parseErrors: result.errors.length }) + '\\n');
    process.exit(0);
  })
  .catch((error) => { console.error(error); process.exit(1); });
`;

async function scan(dir: string): Promise<{ findings: Finding[]; parseErrors: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=commonjs', '-e', scanner, dir, electronVersion], { timeout: 60_000, maxBuffer: 10 * 1024 * 1024 });
  const marker = stdout.lastIndexOf('@@findings@@');
  assert.notEqual(marker, -1, `electronegativity printed no findings:\n${stdout}`);
  return JSON.parse(stdout.slice(marker + '@@findings@@'.length)) as { findings: Finding[]; parseErrors: number };
}

const annotation = /eng-disable\b(.*)$/gm;
const justified = /^[\w \t,]+--\s*justified:\s*\S.{10,}/;

function unjustifiedAnnotations(dir: string): string[] {
  const problems: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!/\.(ts|js|html)$/.test(name)) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    for (const match of text.matchAll(annotation)) {
      if (!justified.test(match[1] ?? '')) problems.push(`${name}: "${match[0].trim()}" has no "-- justified: <reason>"`);
    }
  }
  return problems;
}

const describeFinding = (finding: Finding) => `${finding.severity} ${finding.id} at ${finding.file}:${finding.line} — ${finding.description}`;

test('the desktop glue has no unjustified high-severity finding', async (t) => {
  const { findings, parseErrors } = await scan(desktopDir);
  assert.equal(parseErrors, 0, 'electronegativity could not parse some desktop files');
  for (const finding of findings.filter((item) => item.severity !== 'HIGH')) t.diagnostic(`to review: ${describeFinding(finding)}`);
  assert.deepEqual(findings.filter((item) => item.severity === 'HIGH').map(describeFinding), []);
  assert.deepEqual(unjustifiedAnnotations(desktopDir), []);
});

test('the scan catches a dangerous window, and honours only a justified annotation', async (t) => {
  const fixture = (comment: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'contact-desk-eng-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'window.ts'),
      `import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { contextIsolation: false } });${comment}\n`,
    );
    return dir;
  };
  const bareDir = fixture('');
  const justifiedDir = fixture(' // eng-disable CONTEXT_ISOLATION_JS_CHECK -- justified: a fixture for this test');
  const [bare, annotated] = await Promise.all([scan(bareDir), scan(justifiedDir)]);

  assert.ok(
    bare.findings.some((finding) => finding.severity === 'HIGH' && finding.id === 'CONTEXT_ISOLATION_JS_CHECK'),
    `expected a HIGH CONTEXT_ISOLATION_JS_CHECK, got ${bare.findings.map(describeFinding).join('; ')}`,
  );
  assert.ok(!annotated.findings.some((finding) => finding.id === 'CONTEXT_ISOLATION_JS_CHECK'), 'an annotated line is skipped by the scanner');
  assert.deepEqual(unjustifiedAnnotations(justifiedDir), []);
  assert.equal(unjustifiedAnnotations(fixture(' // eng-disable CONTEXT_ISOLATION_JS_CHECK')).length, 1, 'an annotation without a reason is rejected');
});
