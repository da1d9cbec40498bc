// The baseline: a bare node:http server answering the same JSON for the same path.
import { createServer } from 'node:http';

const json = JSON.stringify({
  id: 'intro-typescript',
  title: 'Intro to TypeScript',
  description: 'Four evenings, from types to generics.',
  price: 4900,
  currency: 'usd',
});
const answers = { '/api/courses/intro-typescript': json, '/api/courses': `{"courses":[${json}]}` };
const server = createServer((req, res) => {
  const body = answers[req.url];
  if (body) {
    res.writeHead(200, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  } else {
    res.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
