import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Catalog } from '../courses/catalog.js';
import { courseAnswer, courseResponse, type CourseResponse } from './course-response.js';
import type { Logger } from '../logger.js';
import { givenRequestId } from './observe.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const coursePath = /^\/api\/courses\/([^/?#]+)(?:\?[^#]*)?$/;
const listPath = /^\/api\/courses\/?(?:\?[^#]*)?$/;

/**
 * `GET /api/courses/:id` (and the list, `GET /api/courses`) is asked on every page view of every site that embeds the widget, so it
 * is answered here, before the framework: from the catalog's cache without a single await, the
 * same answer as the Hono route (`courseAnswer`), written by node:http directly. Anything else,
 * and any course it cannot answer with a 200 or 304 (unknown ids, archived courses, a database outage), goes on to
 * the app, which answers errors in the usual shape. Its log lines are at `debug` level: these
 * public reads are most of all traffic. It echoes a proxy's `X-Request-Id` but makes up none.
 */
export function withPriceFastPath(
  next: Listener,
  catalog: Catalog,
  logger: Logger,
  /** The hosted course pages, answered the same way when their course is cached. */
  coursePage?: (url: string, acceptLanguage: string | undefined) => CourseResponse | undefined,
): Listener {
  // Timed only when the line is written: a clock read per request shows on this path.
  const timed = logger.writes('debug');
  const clock = () => (timed ? performance.now() : 0);
  const send = (req: IncomingMessage, res: ServerResponse, answer: CourseResponse, started: number) => {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? undefined);
    if (timed) logger.debug('request', { method: 'GET', path: req.url, status: answer.status, ms: clock() - started });
  };

  return function listen(req, res) {
    if (coursePage && req.method === 'GET' && req.url?.startsWith('/c/')) {
      const started = clock();
      const answer = coursePage(req.url, req.headers['accept-language']);
      return answer ? send(req, res, answer, started) : next(req, res);
    }
    if (req.method === 'GET' && listPath.test(req.url ?? '')) {
      const started = clock();
      const given = givenRequestId(req.headers['x-request-id']);
      const cached = catalog.peekList();
      if (cached) return send(req, res, courseAnswer(cached, req.headers['if-none-match'], given), started);
      return next(req, res);
    }
    const match = req.method === 'GET' ? coursePath.exec(req.url ?? '') : null;
    if (!match?.[1]) return next(req, res);
    const started = clock();
    let id: string;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      return next(req, res);
    }
    const given = givenRequestId(req.headers['x-request-id']);
    const ifNoneMatch = req.headers['if-none-match'];
    const cached = catalog.peek(id);
    if (cached?.active) return send(req, res, courseAnswer(cached, ifNoneMatch, given), started);
    if (cached !== undefined) return next(req, res); // unknown or archived: the app answers the error
    courseResponse(catalog, id, ifNoneMatch, given).then(
      (answer) => send(req, res, answer, started),
      () => next(req, res),
    );
  };
}
