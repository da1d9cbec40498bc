import { writeSync } from 'node:fs';

/** Levels in increasing severity; `silent` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** A structured logger that writes one JSON object per line. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Whether lines at `level` are written: a hot path skips building a line that would be dropped. */
  writes(level: Exclude<LogLevel, 'silent'>): boolean;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** How lines look: JSON objects (production, log collectors) or short lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/** Creates a logger; `base` fields are added to every JSON line. */
export function createLogger(
  level: LogLevel = 'info',
  base: Record<string, unknown> = {},
  write: (line: string) => void = bufferedStdout(),
  format: LogFormat = 'json',
): Logger {
  const log =
    (at: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (rank[at] < rank[level]) return;
      const time = new Date();
      write(
        format === 'pretty'
          ? prettyLine(time, at, msg, fields)
          : JSON.stringify({ time: time.toISOString(), level: at, msg, ...base, ...fields }),
      );
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    writes: (at) => rank[at] >= rank[level],
  };
}

/**
 * Writes lines to stdout in batches, once per turn of the event loop, instead of one write per
 * line; whatever is left is written synchronously when the process exits.
 */
function bufferedStdout(): (line: string) => void {
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    const text = lines.join('');
    lines = [];
    process.stdout.write(text);
  };
  process.once('exit', () => {
    if (lines.length > 0) writeSync(1, lines.join(''));
  });
  return (line) => {
    if (lines.push(line + '\n') === 1) setImmediate(flush);
  };
}

/** `12:03:04 WARN  msg key=value`, and a request as `GET /path 200 3.1 ms`. */
function prettyLine(time: Date, level: string, msg: string, fields: Record<string, unknown>): string {
  const head = `${time.toTimeString().slice(0, 8)} ${level.toUpperCase().padEnd(5)}`;
  if (msg === 'request') return `${head} ${fields.method} ${fields.path} ${fields.status} ${fields.ms} ms`;
  const rest = Object.entries(fields)
    .filter(([key]) => key !== 'requestId')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [head, msg, ...rest].join(' ');
}
