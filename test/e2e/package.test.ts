import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/servers.mjs';
import { startTestStack } from '../../scripts/lib/test-stack.mjs';
import { launchChromium } from './browser.js';

// The npm package of the elements, as a site owner gets it: `npm run pack:widget` packs dist/package
// (built by `npm run build`), `npm install` puts the tarball into a scratch project per framework,
// and that framework's own checker type-checks a page using every attribute and event (and refuses
// what the types forbid). The React page is then bundled and rendered in Chromium against the backend.
const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'test/package/fixtures');
const bin = (path: string) => join(root, 'node_modules', path);
let scratch: string;
let tarball: string;

/** A scratch project holding the installed tarball, its framework's packages and the given fixtures. */
async function project(name: string, packages: string[], files: string[], tsconfig?: object): Promise<string> {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: `scratch-${name}`,
    private: true,
    type: 'module',
    dependencies: { '@course-booking/widget': `file:${tarball}` },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], {
    cwd: dir,
  });
  // The framework as the project would have installed it: the repository's copy, linked.
  for (const pkg of packages) {
    mkdirSync(join(dir, 'node_modules', pkg, '..'), { recursive: true });
    symlinkSync(bin(pkg), join(dir, 'node_modules', pkg));
  }
  for (const file of files) cpSync(join(fixtures, file), join(dir, file));
  if (tsconfig) writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  return dir;
}

const strict = {
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  module: 'esnext',
  moduleResolution: 'bundler',
  target: 'es2022',
  lib: ['es2022', 'dom'],
  types: [],
};

/** Runs a checker; answers its exit code and what it printed. */
async function check(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [command, ...args], { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cb-package-'));
  const { stdout } = await run('npm', ['run', '--silent', 'pack:widget'], { cwd: root });
  tarball = join(root, 'dist', stdout.trim().split('\n').pop()!);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed widget package', () => {
  it('type-checks a React 19 page with every attribute and event, and refuses a wrong one (tsc)', async () => {
    const tsconfig = { compilerOptions: { ...strict, jsx: 'react-jsx' }, files: ['react.tsx'] };
    const dir = await project(
      'react',
      ['react', 'react-dom', '@types/react', '@types/react-dom'],
      ['react.tsx'],
      tsconfig,
    );
    const result = await check(bin('typescript/bin/tsc'), ['-p', '.'], dir);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('type-checks a Preact page (tsc)', async () => {
    const tsconfig = {
      compilerOptions: { ...strict, jsx: 'react-jsx', jsxImportSource: 'preact' },
      files: ['preact.tsx'],
    };
    const dir = await project('preact', ['preact'], ['preact.tsx'], tsconfig);
    expect(await check(bin('typescript/bin/tsc'), ['-p', '.'], dir)).toEqual({ code: 0, output: '' });
  });

  it('type-checks a Solid page (tsc)', async () => {
    const tsconfig = {
      compilerOptions: { ...strict, jsx: 'preserve', jsxImportSource: 'solid-js' },
      files: ['solid.tsx'],
    };
    const dir = await project('solid', ['solid-js'], ['solid.tsx'], tsconfig);
    expect(await check(bin('typescript/bin/tsc'), ['-p', '.'], dir)).toEqual({ code: 0, output: '' });
  });

  it('type-checks a Vue page through GlobalComponents (vue-tsc)', async () => {
    const tsconfig = { compilerOptions: strict, include: ['*.vue'] };
    const dir = await project('vue', ['vue'], ['App.vue'], tsconfig);
    expect(await check(bin('vue-tsc/bin/vue-tsc.js'), ['--noEmit', '-p', '.'], dir)).toEqual({ code: 0, output: '' });
  });

  it('type-checks a Svelte 5 page, and refuses a wrong attribute (svelte-check)', async () => {
    const tsconfig = { compilerOptions: { ...strict, verbatimModuleSyntax: true } };
    const good = await project('svelte', ['svelte'], ['Page.svelte'], tsconfig);
    const passed = await check(bin('svelte-check/bin/svelte-check'), ['--workspace', good, '--fail-on-warnings'], good);
    expect(passed.output).toMatch(/0 errors/);
    expect(passed.code).toBe(0);
    const bad = await project('svelte-refused', ['svelte'], ['Refused.svelte'], tsconfig);
    const refused = await check(bin('svelte-check/bin/svelte-check'), ['--workspace', bad], bad);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/Type 'number' is not assignable to type 'string'/);
  });
});

describe('the packed widget package in React 19, in Chromium', () => {
  let browser: Browser;
  let site: Server;
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    stack = await startTestStack({ ...process.env }, { extraOrigins: [origin] });
    const dir = await project(
      'react-render',
      ['react', 'react-dom', '@types/react', '@types/react-dom'],
      ['react.tsx'],
    );
    const bundle = await build({
      entryPoints: [join(dir, 'react.tsx')],
      bundle: true,
      format: 'esm',
      write: false,
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const script = bundle.outputFiles[0]!.text;
    const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>React</title><script>window.CB_API = ${JSON.stringify(stack.backendUrl)};</script><div id="root"></div><script type="module" src="/app.js"></script></html>`;
    site = createServer((req, res) => {
      if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    });
    await new Promise<void>((done) => site.listen(port, 'localhost', done));
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    site?.close();
    await stack?.stop();
  });

  it("renders both elements, and React's oncb-ready hears the event with its detail", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(origin);
    await expect.poll(() => page.locator('course-booking [part="price"]').textContent()).toBe('$49.00');
    const heard = await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard);
    expect(heard).toContainEqual({
      type: 'cb-ready',
      detail: { courseId: 'intro-typescript', amount: 4900, currency: 'usd' },
    });
    // The dashboard rendered too: it asks a signed-out student to sign in.
    await expect.poll(() => page.locator('booking-dashboard').getByRole('button').first().isVisible()).toBe(true);
    await page.context().close();
  });
});
