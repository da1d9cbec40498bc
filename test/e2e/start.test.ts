import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/servers.mjs';
import { launchChromium, screenshot, screenshots } from './browser.js';

const root = resolve(import.meta.dirname, '../..');

let child: ChildProcess;
let output = '';
let backendUrl: string;
let exampleUrl: string;
let sandboxUrl: string;
let consoleLine: string;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cb-start-'));
  const [port, examplePort, sandboxPort] = [await freePort(), await freePort(), await freePort()];
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    EXAMPLE_PORT: String(examplePort),
    SANDBOX_PORT: String(sandboxPort),
    CB_DATA_DIR: dataDir,
  };
  for (const name of [
    'STRIPE_SECRET_KEY',
    'MONGODB_URI',
    'PUBLIC_URL',
    'ALLOWED_ORIGINS',
    'ADMIN_API_KEY',
    'WIDGET_TOKEN_SECRET',
  ])
    delete env[name];
  child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((done, fail) => {
    const timer = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop')) {
        clearInterval(timer);
        done();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        fail(new Error(`npm start exited:\n${output}`));
      }
    }, 100);
  });
  backendUrl = /backend\s+(\S+)/.exec(output)![1]!;
  exampleUrl = /example site\s+(\S+?)\/?\s/.exec(output)![1]!;
  sandboxUrl = /sandbox\s+(http\S+)/.exec(output)![1]!;
  consoleLine = /console\s+(.*)/.exec(output)?.[1] ?? '';
  browser = await launchChromium();
  await mkdir(screenshots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('prints the console link with development sign-in as admin', () => {
    expect(consoleLine).toBe(`${backendUrl}/admin   (development sign-in: "admin")`);
  });

  it('serves the demo courses from the backend', async () => {
    const res = await fetch(`${backendUrl}/api/courses`);
    const { courses } = (await res.json()) as { courses: Array<{ id: string; currency: string }> };
    expect(courses.map((c) => c.id).sort()).toEqual([
      'evening-sketching',
      'glaze-lab',
      'intro-typescript',
      'open-day',
      'pottery-weekend',
      'tokyo-photo-walk',
      'web-components',
    ]);
    expect(new Set(courses.map((c) => c.currency))).toEqual(new Set(['eur', 'jpy', 'usd']));
    expect(courses.find((c) => c.id === 'glaze-lab')).toMatchObject({ seatsLeft: 3, soldOut: false });
    expect(courses.find((c) => c.id === 'open-day')).toMatchObject({ price: 0 });
  });

  it('seeds two courses on dates: a Berlin weekend sold out, one with 2 seats left (the past one unlisted), six New York Tuesdays', async () => {
    type Dated = {
      id: string;
      sessions?: Array<{ timeZone: string; soldOut: boolean; seatsLeft?: number; meetings?: unknown[] }>;
    };
    const read = async (id: string) => (await (await fetch(`${backendUrl}/api/courses/${id}`)).json()) as Dated;
    // The two demo students' payments arrive by webhook.
    await expect
      .poll(async () => (await read('pottery-weekend')).sessions?.map((s) => [s.timeZone, s.soldOut, s.seatsLeft]), {
        timeout: 15_000,
      })
      .toEqual([
        ['Europe/Berlin', true, 0],
        ['Europe/Berlin', false, 2],
      ]);
    const evenings = (await read('evening-sketching')).sessions!;
    expect(evenings).toHaveLength(1);
    expect(evenings[0]).toMatchObject({ timeZone: 'America/New_York', seatsLeft: 12 });
    expect(evenings[0]!.meetings).toHaveLength(6);
  });

  it('shows every course price on the example site, on its own origin', async () => {
    expect(new URL(exampleUrl).origin).not.toBe(new URL(backendUrl).origin);
    const page = await browser.newPage();
    await page.goto(`${exampleUrl}/`);
    const prices = page.locator('course-booking').locator('[part="price"]');
    await prices.nth(6).waitFor();
    expect(await prices.allTextContents()).toEqual([
      '$49.00',
      '€49.00',
      '¥12,000',
      '$129.00',
      'Free',
      '$129.00',
      '$180.00',
    ]);
    await screenshot(page, 'example-en');
    await page.close();
  });

  it('formats prices for the German page', async () => {
    const page = await browser.newPage();
    await page.goto(`${exampleUrl}/de.html`);
    const prices = page.locator('course-booking').locator('[part="price"]');
    await prices.nth(6).waitFor();
    const texts = (await prices.allTextContents()).map((t) => t.replace(/\s/g, ' '));
    expect(texts).toEqual(['49,00 $', '49,00 €', '12.000 ¥', '129,00 $', 'Kostenlos', '129,00 $', '180,00 $']);
    await screenshot(page, 'example-de');
    await page.close();
  });

  it('turns development sign-in on for the sandbox, and says so on the sign-in page', async () => {
    const origin = new URL(exampleUrl).origin;
    const res = await fetch(`${backendUrl}/api/auth/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: backendUrl },
      body: JSON.stringify({ origin, devName: 'Ada' }),
    });
    expect(res.status).toBe(200);
    const popup = await fetch(`${backendUrl}/auth/popup?origin=${encodeURIComponent(origin)}&state=abcdefghijklmnop`);
    expect(await popup.text()).toContain('Development sign-in');
  });

  it('keeps the sandbox webhook secret off every command line', async () => {
    const commandLines = await Promise.all(
      (await readdir('/proc'))
        .filter((name) => /^\d+$/.test(name))
        .map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')),
    );
    const sandbox = commandLines.filter(
      (line) => line.includes('sandbox/index.ts') && line.includes(sandboxUrl.split(':').pop()!),
    );
    expect(sandbox).toHaveLength(1);
    expect(commandLines.filter((line) => line.includes('whsec_'))).toEqual([]);
  });

  it('stops every process it started on Ctrl-C', async () => {
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${backendUrl}/healthz`)).rejects.toThrow();
    await expect(fetch(`${sandboxUrl}/sandbox/events`)).rejects.toThrow();
    await expect(fetch(`${exampleUrl}/`)).rejects.toThrow();
  });
});
