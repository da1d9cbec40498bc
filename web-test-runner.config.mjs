import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './scripts/lib/chromium.mjs';
import { freePort } from './scripts/lib/servers.mjs';
import { startTestStack } from './scripts/lib/test-stack.mjs';

// Component tests run in Debian's Chromium against the real backend and FerretDB, on another origin.
const port = await freePort();
const pageOrigin = `http://localhost:${port}`;
// The suite signs in more students a minute than one address may (30): the backend believes the
// test's own proxy header, and each helper sign-in comes from an address of its own.
const stack = await startTestStack({ ...process.env, TRUST_PROXY: '127.0.0.1' }, { extraOrigins: [pageOrigin] });
let signIns = 0;

/** Signs a development student in, as the popup would, and answers a widget token for the test page. */
async function devToken(name) {
  signIns += 1;
  const res = await fetch(`${stack.backendUrl}/api/auth/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${signIns >> 8}.${signIns & 255}` },
    body: JSON.stringify({ origin: pageOrigin, devName: name }),
  });
  if (!res.ok) throw new Error(`exchange: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Presses a button on the sandbox pay page, as the student would; answers where Stripe sends them back. */
async function sandboxPay(sessionId, action, form = {}) {
  const res = await fetch(`${stack.sandboxUrl}/pay/${sessionId}/${action}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, location: res.headers.get('location') };
}

/** Waits until the backend has a booking in a status (its webhook arrived), as the operator would see it. */
async function waitForStatus(bookingId, status) {
  for (let i = 0; i < 200; i += 1) {
    const res = await fetch(`${stack.backendUrl}/api/admin/bookings?status=${status}`, {
      headers: { authorization: `Bearer ${stack.adminApiKey}` },
    });
    const { bookings } = await res.json();
    if (bookings.some((b) => b.id === bookingId)) return { status };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`booking ${bookingId} never became ${status}`);
}

/** Creates or replaces a course through the admin API, as the operator would. */
async function putCourse(id, course) {
  const res = await fetch(`${stack.backendUrl}/api/admin/courses/${id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${stack.adminApiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(course),
  });
  if (!res.ok) throw new Error(`course ${id}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Creates or replaces a dated session of a course through the admin API, as the operator would. */
async function putSession(courseId, sessionId, session) {
  const res = await fetch(`${stack.backendUrl}/api/admin/courses/${courseId}/sessions/${sessionId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${stack.adminApiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(session),
  });
  if (!res.ok) throw new Error(`session ${courseId}/${sessionId}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The organiser cancels a session through the operator API. */
async function cancelSession(courseId, sessionId) {
  const res = await fetch(`${stack.backendUrl}/api/admin/courses/${courseId}/sessions/${sessionId}/cancel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.adminApiKey}` },
  });
  if (!res.ok) throw new Error(`cancel ${courseId}/${sessionId}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Another student books a course (takes a seat) from the test page's site. */
async function bookAsOther(courseId, sessionId) {
  const { token } = await devToken(`other-${Math.random().toString(36).slice(2)}`);
  const res = await fetch(`${stack.backendUrl}/api/bookings/create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin: pageOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ courseId, returnUrl: `${pageOrigin}/`, ...(sessionId ? { sessionId } : {}) }),
  });
  const body = await res.json();
  return { status: res.status, sessionId: body.booking?.stripeSessionId };
}

/** A checkout expires, as Stripe does at its time (its webhook follows): its seats go back. */
async function expireSession(sessionId) {
  const res = await fetch(`${stack.sandboxUrl}/v1/checkout/sessions/${sessionId}/expire`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_sandbox' },
  });
  return { status: res.status };
}

/**
 * The console calls the operator API on its own origin: the test page's server passes `/api/admin/*`
 * to the backend as it is (method, body, the headers the API reads), so the console runs as served.
 */
async function operatorApiProxy(ctx, next) {
  if (!ctx.path.startsWith('/api/admin/')) return next();
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const headers = {};
  for (const name of ['authorization', 'content-type', 'accept']) if (ctx.get(name)) headers[name] = ctx.get(name);
  const res = await fetch(`${stack.backendUrl}${ctx.url}`, {
    method: ctx.method,
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
  });
  ctx.status = res.status;
  for (const name of ['content-type', 'content-disposition', 'retry-after']) {
    if (res.headers.has(name)) ctx.set(name, res.headers.get(name));
  }
  ctx.body = Buffer.from(await res.arrayBuffer());
}

/** The payment of a session is refunded in full, as from Stripe's Dashboard (its webhook follows). */
async function sandboxRefund(sessionId) {
  const res = await fetch(`${stack.sandboxUrl}/sandbox/sessions/${sessionId}/refund`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  return { status: res.status };
}

/** A student books a course from the test page's site and pays in the sandbox; answers the booking once paid. */
async function paidBooking(name, courseId, sessionId) {
  const { token } = await devToken(name);
  const res = await fetch(`${stack.backendUrl}/api/bookings/create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin: pageOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ courseId, sessionId, returnUrl: `${pageOrigin}/` }),
  });
  const { booking } = await res.json();
  await sandboxPay(booking.stripeSessionId, 'pay');
  await waitForStatus(booking.id, 'paid');
  return { id: booking.id };
}

export default {
  // The console's outbox test runs on its own (web-test-runner.outbox.config.mjs): it waits for the
  // backend's messenger to send its email, and behind the other files' emails, with CI=true, its page
  // stopped reporting within five minutes, while alone it passes in seconds.
  files: ['widget/src/**/*.test.ts', 'admin/src/**/*.test.ts', '!admin/src/admin-outbox.test.ts'],
  middleware: [operatorApiProxy],
  port,
  hostname: 'localhost',
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 2,
  // The whole run: on a loaded two-core machine the outbox test waits for the messenger to work
  // through every other test's emails (it sends one at a time while requests run), which has
  // taken more than wtr's default 2 minutes.
  testsFinishTimeout: 300_000,
  // v8 coverage from Chromium, printed after the run; below the thresholds the run fails.
  coverage: true,
  coverageConfig: {
    include: ['widget/src/**/*.ts', 'common/**/*.ts'],
    exclude: ['**/*.test.ts', 'widget/test/**', '**/node_modules/**'],
    reportDir: 'coverage/widget',
    reporters: ['text-summary'],
    threshold: { statements: 90, lines: 90, branches: 78, functions: 90 },
  },

  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <body>
        <script>window.CB_TEST = ${JSON.stringify({ api: stack.backendUrl })};</script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }),
    {
      name: 'course-booking-stack',
      serverStop: () => stack.stop(),
      async executeCommand({ command, payload }) {
        if (command === 'cb-token') return devToken(payload.name);
        if (command === 'cb-sandbox-pay') return sandboxPay(payload.sessionId, payload.action, payload.form);
        if (command === 'cb-wait-status') return waitForStatus(payload.bookingId, payload.status);
        if (command === 'cb-course') return putCourse(payload.id, payload.course);
        if (command === 'cb-session') return putSession(payload.courseId, payload.sessionId, payload.session);
        if (command === 'cb-cancel-session') return cancelSession(payload.courseId, payload.sessionId);
        if (command === 'cb-book-other') return bookAsOther(payload.courseId, payload.sessionId);
        if (command === 'cb-sandbox-refund') return sandboxRefund(payload.sessionId);
        if (command === 'cb-expire-session') return expireSession(payload.sessionId);
        if (command === 'cb-paid-booking') return paidBooking(payload.name, payload.courseId, payload.sessionId);
        return undefined;
      },
    },
  ],
};
