// The baseline: a bare node:http server answering the same JSON (or HTML page) for the same path (the app's own
// answers, read once by bench/courses.mjs and handed over in BENCH_BODIES: path → body).
import { createServer } from 'node:http';

const answers = JSON.parse(process.env.BENCH_BODIES ?? '{}');
const server = createServer((req, res) => {
  const body = answers[req.url];
  if (body) {
    res.writeHead(200, {
      'content-type': req.url.startsWith('/c/') ? 'text/html; charset=UTF-8' : 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  } else {
    res.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
