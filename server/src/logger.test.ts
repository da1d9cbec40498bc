import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('the logger', () => {
  it('writes one JSON object a line, with the base fields', () => {
    const lines: string[] = [];
    createLogger('info', { service: 'course-booking' }, (line) => lines.push(line)).warn('stripe event ignored', {
      reason: 'foreign_session',
    });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      msg: 'stripe event ignored',
      service: 'course-booking',
      reason: 'foreign_session',
    });
  });

  it('writes short lines for a terminal with LOG_FORMAT=pretty, a request as method, path, status and time', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', {}, (line) => lines.push(line), 'pretty');
    logger.info('request', { requestId: 'r1', method: 'GET', path: '/api/courses/x', status: 200, ms: 1.5 });
    logger.warn('listening', { url: 'http://127.0.0.1:8787' });
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO {2}GET \/api\/courses\/x 200 1\.5 ms$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d WARN {2}listening url=http:\/\/127\.0\.0\.1:8787$/);
  });

  it('drops what is below its level', () => {
    const lines: string[] = [];
    createLogger('warn', {}, (line) => lines.push(line)).info('request', {});
    expect(lines).toEqual([]);
  });
});
