/**
 * The preview's log: the same redacted records as the file log, one readable line each on stderr,
 * so a developer's terminal (and any CI output it ends up in) never shows a token or an email.
 */
import type { Logger } from '../ports.ts';
import { logEntry, type LogLevel } from './entry.ts';

export interface ConsoleLoggerOptions {
  /** Where lines go. Default: process.stderr. */
  write?: (line: string) => void;
  now?: () => number;
}

export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const now = options.now ?? Date.now;
  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const { time, level: _level, message: safeMessage, ...safeFields } = logEntry(level, message, fields, now());
    const details = Object.keys(safeFields).length > 0 ? ` ${JSON.stringify(safeFields)}` : '';
    try {
      write(`${time.slice(11, 19)} ${level.padEnd(5)} ${safeMessage}${details}\n`);
    } catch {
      // A closed terminal must not take the preview down.
    }
  };
  return {
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}
