// The whole product on one machine: a local MongoDB-compatible server (unless MONGODB_URI is
// set), the backend, demo courses on first run, and the example third-party site.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { seedDemo } from './demo-seed.mjs';
import { serveExampleSite } from './example-site.mjs';
import { freePort, startFerretDb, startMailpit, stopProcess, toolsBin, waitForPort, waitForReady } from './servers.mjs';

const root = resolve(import.meta.dirname, '../..');

/**
 * Starts the stack. `env` is the caller's environment; nothing here reads process.env itself.
 * @param {{ env: Record<string, string | undefined>, dataDir?: string, port?: number, examplePort?: number, sandboxPort?: number, log?: (line: string) => void, quiet?: boolean }} options
 */
export async function startStack({
  env,
  dataDir = join(root, '.data'),
  port,
  examplePort,
  log = console.log,
  quiet = false,
  sandboxPort,
}) {
  const stops = [];
  let stopping;
  // Stops everything once, last started first; later calls wait for the same run.
  const stop = () => {
    stopping ??= (async () => {
      for (const s of [...stops].reverse()) await s().catch(() => undefined);
    })();
    return stopping;
  };
  try {
    await mkdir(dataDir, { recursive: true });
    const backendPort = port ?? Number(env.PORT ?? 8787);
    const sitePort = examplePort ?? Number(env.EXAMPLE_PORT ?? 8788);
    const backendUrl = env.PUBLIC_URL ?? `http://127.0.0.1:${backendPort}`;
    const siteOrigin = `http://localhost:${sitePort}`;

    const needed = [!env.MONGODB_URI && 'ferretdb', catchesMail(env) && 'mailpit'].filter(Boolean);
    if (needed.some((tool) => !existsSync(join(toolsBin, tool)))) await installTools(log);
    let mongodbUri = env.MONGODB_URI;
    if (!mongodbUri) {
      const ferret = await startFerretDb({ dataDir: join(dataDir, 'ferretdb') });
      stops.push(ferret.stop);
      mongodbUri = ferret.url;
      log(`database: local FerretDB at ${mongodbUri} (data in ${join(dataDir, 'ferretdb')})`);
    }

    // Outside production without SMTP_URL, every email goes to a local catcher, read at the sandbox's /inbox.
    const catcher = catchesMail(env) ? await startMailpit({ dataDir: join(dataDir, 'mail') }) : undefined;
    if (catcher) stops.push(catcher.stop);

    const secrets = await devSecrets(dataDir, env);
    const sandbox = await startSandbox({
      env,
      backendUrl,
      webhookSecret: secrets.sandboxWebhookSecret,
      sandboxPort,
      mailApiUrl: catcher?.apiUrl,
      quiet,
      log,
    });
    if (catcher) {
      log(
        `mail: caught locally, none leaves this machine; read it at ${sandbox ? `${sandbox.url}/inbox` : `${catcher.apiUrl}/api/v1/messages`}`,
      );
    }
    if (sandbox) stops.push(sandbox.stop);
    const devSignIn = env.DEV_SIGN_IN ?? (sandbox && !env.CLERK_SECRET_KEY && !env.CLERK_JWT_KEY ? '1' : '0');
    const backendEnv = {
      ...env,
      ...(sandbox?.env ?? {}),
      PORT: String(backendPort),
      MONGODB_URI: mongodbUri,
      PUBLIC_URL: backendUrl,
      ALLOWED_ORIGINS: env.ALLOWED_ORIGINS ?? `${siteOrigin},http://127.0.0.1:${sitePort}`,
      WIDGET_TOKEN_SECRET: secrets.WIDGET_TOKEN_SECRET,
      ADMIN_API_KEY: secrets.ADMIN_API_KEY,
      // Short lines for a person at a terminal, unless the caller asks for JSON.
      LOG_FORMAT: env.LOG_FORMAT ?? 'pretty',
      // Sign in by name only in sandbox mode without Clerk; the server never turns it on by itself.
      DEV_SIGN_IN: devSignIn,
      // With development sign-in, whoever signs in to the console as "admin" is its operator.
      ADMIN_USER_IDS: env.ADMIN_USER_IDS ?? (devSignIn === '1' ? devUserId(devAdminName) : ''),
      ...(catcher
        ? { SMTP_URL: catcher.smtpUrl, MAIL_FROM: env.MAIL_FROM ?? 'Course booking demo <bookings@example.test>' }
        : {}),
    };
    const backend = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/index.ts')], {
      cwd: root,
      env: backendEnv,
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    });
    stops.push(() => stopProcess(backend));
    await waitForPort(backendPort, backend);
    await waitForReady(backendUrl, backend);
    await seedDemo({
      backendUrl,
      adminKey: secrets.ADMIN_API_KEY,
      siteOrigin,
      sandboxUrl: sandbox?.url,
      devSignIn: devSignIn === '1',
      log,
    });

    const site = await serveExampleSite({ backendUrl, port: sitePort });
    stops.push(site.close);
    return {
      backendUrl,
      exampleUrl: site.url,
      sandboxUrl: sandbox?.url,
      inboxUrl: catcher ? (sandbox ? `${sandbox.url}/inbox` : `${catcher.apiUrl}/api/v1/messages`) : undefined,
      adminApiKey: secrets.ADMIN_API_KEY,
      consoleUrl: `${backendUrl}/admin`,
      devAdminName: devSignIn === '1' && !env.ADMIN_USER_IDS ? devAdminName : undefined,
      backend,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Without Stripe keys outside production, runs the sandbox checkout and points the backend at it.
 * Returns undefined when real Stripe keys are set.
 */
async function startSandbox({ env, backendUrl, webhookSecret, sandboxPort, mailApiUrl, quiet, log }) {
  if (env.STRIPE_SECRET_KEY || env.NODE_ENV === 'production') return undefined;
  const port = sandboxPort ?? Number(env.SANDBOX_PORT ?? 8789);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'server/sandbox/index.ts'),
      '--port',
      String(port),
      '--webhook-url',
      `${backendUrl}/api/stripe/webhooks`,
      '--auto-settle-ms',
      env.SANDBOX_AUTO_SETTLE_MS ?? '5000',
      ...(mailApiUrl ? ['--mail-api', mailApiUrl] : []),
    ],
    // The secret goes through the environment: a command line shows in `ps`.
    {
      cwd: root,
      env: { ...env, SANDBOX_WEBHOOK_SECRET: webhookSecret },
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    },
  );
  await waitForPort(port, child);
  log(`payments: SANDBOX checkout at ${url}; no money moves (set STRIPE_SECRET_KEY for real Stripe)`);
  return {
    url,
    stop: () => stopProcess(child),
    env: {
      STRIPE_SECRET_KEY: 'sk_test_sandbox',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_sandbox',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: url,
    },
  };
}

/** Whether `npm start` runs the local mail catcher: outside production, when no SMTP_URL is set. */
function catchesMail(env) {
  return !env.SMTP_URL && env.NODE_ENV !== 'production';
}

/** Builds FerretDB and Mailpit when missing; explains what to do instead when Go is not installed. */
async function installTools(log) {
  log('tools: building the local MongoDB-compatible server (FerretDB) and mail catcher (Mailpit), one time…');
  const child = spawn('bash', [join(root, 'scripts/install-test-servers.sh')], { stdio: 'inherit' });
  const code = await new Promise((done) => child.once('exit', done));
  if (code !== 0)
    throw new Error(
      'Could not build FerretDB and Mailpit. Set MONGODB_URI to your own MongoDB (Atlas or a local mongod) and SMTP_URL to an SMTP server.',
    );
}

/** Development secrets, generated once and kept in the data folder; explicit variables win. */
async function devSecrets(dataDir, env) {
  const file = join(dataDir, 'dev-secrets.json');
  let saved = {};
  if (existsSync(file)) saved = JSON.parse(await readFile(file, 'utf8'));
  const secrets = {
    WIDGET_TOKEN_SECRET: env.WIDGET_TOKEN_SECRET ?? saved.WIDGET_TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
    ADMIN_API_KEY: env.ADMIN_API_KEY ?? saved.ADMIN_API_KEY ?? `dev_admin_${randomBytes(18).toString('base64url')}`,
    sandboxWebhookSecret: saved.sandboxWebhookSecret ?? `whsec_sandbox_${randomBytes(24).toString('hex')}`,
  };
  if (env.NODE_ENV !== 'production') await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export { freePort };

/** The name that signs in to the console under development sign-in (`npm start`). */
const devAdminName = 'admin';

/** The user id development sign-in gives a name: the server's `devUserId` (server/src/auth/index.ts). */
function devUserId(name) {
  return `dev_${createHash('sha256').update(name.trim().toLowerCase()).digest('hex').slice(0, 20)}`;
}
