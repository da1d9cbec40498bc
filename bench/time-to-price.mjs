// `npm run bench` (second part): time to the price in Debian's Chromium, <course-booking> against a
// hand-written `fetch` + `textContent` on the same kind of page, same backend, same run, alternating
// rounds; 1 and 10 elements of one course, and 1 element of a course on 5 dates (time to the price
// and the dates, against a hand-written page that renders the same dates with Intl.DateTimeFormat);
// unthrottled and with CPU 4× + 150 ms RTT + 1.6 Mbps (DevTools protocol). The widget's page
// carries the README's preload hint for its course. Each page has content below the prices; each
// round is a fresh browser context with the cache off (a first visit). Reports the ratio of
// medians against the design's budget (≤ 1.2×).
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';
import { startTestStack } from '../scripts/lib/test-stack.mjs';

const rounds = Number(process.env.BENCH_PAGE_ROUNDS ?? 31);
const budget = 1.2;

/** The course on dates, and how many it shows. */
const dated = { id: 'bench-dates', sessions: 5 };

/**
 * The widget page: N elements of a course, as the README's snippet has it (the preload hint, the
 * script); done when the last of N elements to fire `cb-ready` has its price in the DOM (and, for
 * the course on dates, its dates), as the hand-written page's are when it stops its clock: neither
 * waits for a paint.
 */
const widgetPage = (backend, n, course) => {
  const datesShown = `element.shadowRoot.querySelectorAll('[part="dates"] input').length === ${dated.sessions}`;
  const shown = course === dated.id ? datesShown : `element.shadowRoot.querySelector('[part="price"]')`;
  const done = `const element = event.target; const check = () => (${shown} ? (window.priceAt = performance.now()) : requestAnimationFrame(check)); element.updateComplete.then(check);`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<style>course-booking:not(:defined){display:block;min-height:calc(9em + 2px)}</style>
<link rel="preload" href="${backend}/api/courses/${course}" as="fetch" crossorigin>
<script>let ready = 0; document.addEventListener('cb-ready', (event) => { if (++ready === ${n}) { ${done} } });</script>
<script type="module" src="${backend}/widget.js"></script></head>
<body>${`<course-booking course="${course}"></course-booking>`.repeat(n)}<p>Content below.</p></body></html>`;
};

/** The hand-written page: one fetch, N prices written with textContent (and a course's dates with Intl.DateTimeFormat). */
const handPage = (
  backend,
  n,
  course,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
const course = await (await fetch('${backend}/api/courses/${course}')).json();
const price = new Intl.NumberFormat('en', { style: 'currency', currency: course.currency }).format(course.price / 100);
for (const el of document.querySelectorAll('.price')) el.textContent = course.title + ' ' + price;
const when = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
for (const session of course.sessions ?? []) {
  const label = document.createElement('label');
  label.textContent = new Intl.DateTimeFormat('en', { ...when, timeZone: session.timeZone }).format(new Date(session.startsAt));
  document.querySelector('.dates').append(label);
}
window.priceAt = performance.now();
</script></head>
<body>${'<p class="price"></p>'.repeat(n)}<div class="dates"></div><p>Content below.</p></body></html>`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const stack = await startTestStack({ ...process.env });
/** The course on dates, put through the operator API: weekly Saturdays in Berlin from next week. */
async function putDatedCourse() {
  const put = async (path, body) => {
    const res = await fetch(`${stack.backendUrl}/api/admin${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${stack.adminApiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  await put(`/courses/${dated.id}`, { title: 'Pottery Weekend', description: '', price: 12900, currency: 'usd' });
  for (let week = 1; week <= dated.sessions; week += 1) {
    const startsAt = new Date(Date.now() + week * 7 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 6 * 3_600_000);
    const input = {
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      timeZone: 'Europe/Berlin',
      capacity: 6,
    };
    await put(`/courses/${dated.id}/sessions/week-${week}`, input);
  }
}
await putDatedCourse();
// The pages come from a server of their own on loopback, as a host site would serve them.
const pages = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const n = Number(url.searchParams.get('n') ?? 1);
  const course = url.searchParams.get('course') ?? 'intro-typescript';
  const body =
    url.pathname === '/widget' ? widgetPage(stack.backendUrl, n, course) : handPage(stack.backendUrl, n, course);
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
      // The outside harness's connection: 1.6 Mbps down, 750 kbps up.
      downloadThroughput: (1.6 * 1000 * 1000) / 8,
      uploadThroughput: (750 * 1000) / 8,
    });
  }
  await page.goto(`${site}${path}`);
  // Read through the DevTools protocol, not Playwright's waitForFunction, whose script (injected into
  // the page while it may still be drawing) costs the page's main thread some 10 ms.
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `new Promise((done) => { const check = () => typeof priceAt === 'number' ? done(priceAt) : setTimeout(check, 20); check(); })`,
    awaitPromise: true,
    returnByValue: true,
    timeout: 60_000,
  });
  const at = result.value;
  await context.close();
  return at;
}

let within = true;
try {
  // Warm-up, not measured: the backend compresses widget.js once when first asked, Chromium starts its processes.
  for (let i = 0; i < 3; i += 1) for (const path of ['/widget?n=10', '/hand?n=10']) await visit(path, false);

  for (const throttled of [false, true]) {
    for (const [n, course] of [
      [1, 'intro-typescript'],
      [10, 'intro-typescript'],
      [1, dated.id],
    ]) {
      const times = { widget: [], hand: [] };
      for (let round = 0; round < rounds; round += 1) {
        // Alternating, so both pages see the same machine.
        times.widget.push(await visit(`/widget?n=${n}&course=${course}`, throttled));
        times.hand.push(await visit(`/hand?n=${n}&course=${course}`, throttled));
      }
      const [w, h] = [median(times.widget), median(times.hand)];
      const ratio = w / h;
      const ok = ratio <= budget;
      within &&= ok;
      const setting = throttled ? 'CPU 4x + 150 ms RTT + 1.6 Mbps' : 'unthrottled';
      const what = course === dated.id ? `the price and ${dated.sessions} dates` : 'the price';
      console.log(
        `time to ${what}, ${n} element${n > 1 ? 's' : ''}, ${setting}: widget ${w.toFixed(0)} ms, hand-written ${h.toFixed(0)} ms (medians of ${rounds}); ratio ${ratio.toFixed(2)} (${ok ? 'within' : 'OVER'} the budget of ${budget})`,
      );
    }
  }
} finally {
  await browser.close();
  pages.close();
  await stack.stop();
}
process.exitCode = within ? 0 : 1;
