// `npm run bench` (second part): time to the price in Debian's Chromium, <course-booking> against a
// hand-written `fetch` + `textContent` on the same kind of page, same backend, same run, alternating
// rounds; 1 and 10 elements of one course, unthrottled and with CPU 4× + 150 ms RTT (DevTools
// protocol). Each page has content below the prices; each round is a fresh browser context with
// the cache off (a first visit). Reports the ratio of medians against the design's budget (≤ 1.2×).
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';
import { startTestStack } from '../scripts/lib/test-stack.mjs';

const rounds = Number(process.env.BENCH_PAGE_ROUNDS ?? 9);
const budget = 1.2;

/** The widget page: N elements; done when N `cb-ready` events have fired. */
const widgetPage = (
  backend,
  n,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<style>course-booking:not(:defined){display:block;min-height:calc(9em + 2px)}</style>
<script>let ready = 0; document.addEventListener('cb-ready', () => { if (++ready === ${n}) window.priceAt = performance.now(); });</script>
<script type="module" src="${backend}/widget.js"></script></head>
<body>${'<course-booking course="intro-typescript"></course-booking>'.repeat(n)}<p>Content below.</p></body></html>`;

/** The hand-written page: one fetch, N prices written with textContent. */
const handPage = (
  backend,
  n,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
const course = await (await fetch('${backend}/api/courses/intro-typescript')).json();
const price = new Intl.NumberFormat('en', { style: 'currency', currency: course.currency }).format(course.price / 100);
for (const el of document.querySelectorAll('.price')) el.textContent = course.title + ' ' + price;
window.priceAt = performance.now();
</script></head>
<body>${'<p class="price"></p>'.repeat(n)}<p>Content below.</p></body></html>`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const stack = await startTestStack({ ...process.env });
// The pages come from a server of their own on loopback, as a host site would serve them.
const pages = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const n = Number(url.searchParams.get('n') ?? 1);
  const body = url.pathname === '/widget' ? widgetPage(stack.backendUrl, n) : handPage(stack.backendUrl, n);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
});
await new Promise((r) => pages.listen(0, 'localhost', r));
const site = `http://localhost:${pages.address().port}`;
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });

/** One first visit of a page; answers the time to the price in ms. */
async function visit(path, throttled) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: (10 * 1024 * 1024) / 8,
      uploadThroughput: (5 * 1024 * 1024) / 8,
    });
  }
  await page.goto(`${site}${path}`);
  await page.waitForFunction(() => typeof globalThis.priceAt === 'number', null, { timeout: 60_000 });
  const at = await page.evaluate(() => globalThis.priceAt);
  await context.close();
  return at;
}

let within = true;
try {
  // Warm-up, not measured: the backend compresses widget.js once when first asked, Chromium starts its processes.
  for (let i = 0; i < 3; i += 1) for (const path of ['/widget?n=10', '/hand?n=10']) await visit(path, false);

  for (const throttled of [false, true]) {
    for (const n of [1, 10]) {
      const times = { widget: [], hand: [] };
      for (let round = 0; round < rounds; round += 1) {
        // Alternating, so both pages see the same machine.
        times.widget.push(await visit(`/widget?n=${n}`, throttled));
        times.hand.push(await visit(`/hand?n=${n}`, throttled));
      }
      const [w, h] = [median(times.widget), median(times.hand)];
      const ratio = w / h;
      const ok = ratio <= budget;
      within &&= ok;
      const setting = throttled ? 'CPU 4x + 150 ms RTT' : 'unthrottled';
      console.log(
        `time to the price, ${n} element${n > 1 ? 's' : ''}, ${setting}: widget ${w.toFixed(0)} ms, hand-written ${h.toFixed(0)} ms (medians of ${rounds}); ratio ${ratio.toFixed(2)} (${ok ? 'within' : 'OVER'} the budget of ${budget})`,
      );
    }
  }
} finally {
  await browser.close();
  pages.close();
  await stack.stop();
}
process.exitCode = within ? 0 : 1;
