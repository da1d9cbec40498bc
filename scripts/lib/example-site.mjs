// The example third-party site: static pages from examples/, on an origin of their own, with the
// backend's URL filled in where a page says %BACKEND%.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../examples');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the example site; resolves with its URL once listening.
 * @param {{ backendUrl: string, port: number, host?: string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveExampleSite({ backendUrl, port, host = '127.0.0.1' }) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + '/')) return send(res, 404, 'text/plain', 'Not found');
    try {
      const body = await readFile(file, 'utf8');
      const type = types[/** @type {keyof typeof types} */ (extname(file))] ?? 'application/octet-stream';
      send(res, 200, type, body.replaceAll('%BACKEND%', backendUrl));
    } catch {
      send(res, 404, 'text/plain', 'Not found');
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      done({
        url: `http://localhost:${actual}`,
        close: () => new Promise((closed) => server.close(() => closed(undefined))),
      });
    });
  });
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} type @param {string} body */
function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' });
  res.end(body);
}
