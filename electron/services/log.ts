import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { maskPersonalData } from '../../shared/domain/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/**
 * Line-per-record JSON log. Every line passes through `maskPersonalData` on its way out, so that
 * an ID number that slips into an error message still never reaches the disk (PIPL, DESIGN §8).
 */
export function createLogger(options: { dir?: string; echo?: boolean; minLevel?: LogLevel } = {}): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const min = order.indexOf(options.minLevel ?? 'info');
  let file: string | null = null;
  if (options.dir) {
    mkdirSync(options.dir, { recursive: true });
    file = join(options.dir, 'client.log');
  }
  const write = (level: LogLevel, message: string, data?: Record<string, unknown>) => {
    if (order.indexOf(level) < min) return;
    const line = maskPersonalData(JSON.stringify({ t: new Date().toISOString(), level, message, ...data }));
    if (file) {
      try {
        appendFileSync(file, line + '\n');
      } catch {
        // Logging must never take the client down (a full disk is reported elsewhere).
      }
    }
    if (options.echo) process.stderr.write(line + '\n');
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.name, detail: error.message, stack: error.stack };
  return { error: String(error) };
}
