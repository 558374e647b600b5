/** One log record as both loggers write it: redacted, plain JSON, one line. */
import { redact, redactText } from './redact.ts';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
  time: string;
  level: LogLevel;
  message: string;
  [field: string]: unknown;
}

const reserved = new Set(['time', 'level', 'message']);

export function logEntry(level: LogLevel, message: string, fields: Record<string, unknown> | undefined, now: number): LogEntry {
  const entry: LogEntry = { time: new Date(now).toISOString(), level, message: redactText(message) };
  if (fields === undefined) return entry;
  for (const [key, value] of Object.entries(redact(fields) as Record<string, unknown>)) {
    // A field may not pass itself off as the record's own time, level or message.
    entry[reserved.has(key) ? `field_${key}` : key] = value;
  }
  return entry;
}

export function toJsonLine(entry: LogEntry): string {
  return `${JSON.stringify(entry)}\n`;
}
