/** One row of the results table, and the table printed as text (console) and Markdown (RESULTS.md). */

export type Part = 'sync' | 'incremental' | 'export' | 'table' | 'views' | 'sandbox' | 'scale' | 'bigsync';

export interface Measurement {
  part: Part;
  measure: string;
  unit: string;
  ours: number | string;
  /** What "ours" is compared with: HubSpot's SDK, the sqlite3 tool, the rate-limit ceiling... */
  reference: { label: string; value: number | string } | null;
  /** ours ÷ reference; what a good value is depends on the measure (see `target`). */
  ratio: number | null;
  target: string | null;
  /** null: for information, no target. */
  pass: boolean | null;
  note?: string;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 100 || Number.isInteger(value)) return integer.format(value);
  if (magnitude >= 10) return oneDecimal.format(value);
  return twoDecimals.format(value);
}

function formatValue(value: number | string, unit: string): string {
  return typeof value === 'number' ? `${formatNumber(value)} ${unit}`.trim() : value;
}

/** Two decimals, or two significant digits for ratios too small to show that way (39 rows of 10,000). */
function formatRatio(ratio: number): string {
  return ratio !== 0 && Math.abs(ratio) < 0.01 ? ratio.toPrecision(2) : twoDecimals.format(ratio);
}

export function ratioOf(ours: number, reference: number): number | null {
  return reference > 0 && Number.isFinite(ours) ? ours / reference : null;
}

function verdict(pass: boolean | null): string {
  if (pass === null) return '—';
  return pass ? 'pass' : 'FAIL';
}

function cellsOf(m: Measurement): string[] {
  return [
    m.measure,
    formatValue(m.ours, m.unit),
    m.reference ? `${formatValue(m.reference.value, m.unit)} (${m.reference.label})` : '—',
    m.ratio === null ? '—' : `${formatRatio(m.ratio)}×`,
    m.target ?? '—',
    verdict(m.pass),
  ];
}

const HEADER = ['Measure', 'Ours', 'Reference', 'Ratio', 'Target', 'Result'];

export function textTable(rows: readonly Measurement[]): string {
  const body = rows.map(cellsOf);
  const widths = HEADER.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const notes = rows.filter((m) => m.note).map((m) => `  * ${m.measure}: ${m.note}`);
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ...(notes.length > 0 ? ['', 'Notes:', ...notes] : [])].join('\n');
}

const escapeMarkdown = (text: string) => text.replaceAll('|', '\\|');

export function markdownTable(rows: readonly Measurement[]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const notes = rows.filter((m) => m.note).map((m) => `- **${escapeMarkdown(m.measure)}**: ${m.note}`);
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map((m) => line(cellsOf(m))), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
