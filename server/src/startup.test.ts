import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startServerProcess } from '../../test/support/server-process.js';
import { adminKey, createTestApp, type TestApp } from '../../test/support/test-app.js';
import { assemble } from './compose.js';
import { startingUp } from './http/readiness.js';
import { createLogger } from './logger.js';
import { connectDatabase, createStores, declaredIndexes } from './store/index.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.close();
});

describe('starting up', () => {
  it('answers /readyz and every request 503 with the reason until the migrations are done', async () => {
    const t = await createTestApp();
    apps.push(t);
    const startup = startingUp('Applying database migrations.');
    const { app } = assemble({
      config: {
        publicUrl: 'http://127.0.0.1:8787',
        allowedOrigins: [],
        widgetTokenSecret: 'w'.repeat(32),
        adminApiKey: adminKey,
      },
      auth: { authenticate: async () => null, devSignIn: false } as never,
      stores: createStores(t.database.db),
      logger: createLogger('silent'),
      ping: t.database.ping,
      loadAsset: async () => undefined,
      readiness: startup,
    });
    startup.doing('Applying database migration 1 of 2: make the indexes the declared ones.');
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('1');
    expect(await ready.json()).toEqual({
      error: { code: 'starting', message: 'Applying database migration 1 of 2: make the indexes the declared ones.' },
    });
    const read = await app.request('/api/admin/courses', { headers: { authorization: `Bearer ${adminKey}` } });
    expect(read.status).toBe(503);
    expect(((await read.json()) as { error: { code: string } }).error.code).toBe('starting');
    expect((await app.request('/healthz')).status).toBe(200);

    startup.ready();
    expect((await app.request('/readyz')).status).toBe(200);
    expect((await app.request('/api/admin/courses', { headers: { authorization: `Bearer ${adminKey}` } })).status).toBe(
      200,
    );
  });

  it('starts the server on a database that carries every index set an earlier build created', async () => {
    const dbName = `test_start_${randomBytes(5).toString('hex')}`;
    const seeded = await connectDatabase(inject('mongodbUri'), dbName);
    const bookings = seeded.db.collection('bookings');
    // The earlier keys of today's names (by_session on sessions.id: IndexKeySpecsConflict before), and retired ones.
    await bookings.createIndex({ 'sessions.id': 1 }, { name: 'by_session' });
    await bookings.createIndex({ userId: 1, createdAt: -1 }, { name: 'by_user' });
    await bookings.createIndex({ paymentStatus: 1, checkoutExpiresAt: 1 }, { name: 'stale' });
    try {
      const { server } = await startServerProcess(dbName, adminKey);
      try {
        const listed = await bookings.listIndexes().toArray();
        expect(listed.find((i) => i.name === 'by_session')?.key).toEqual({
          stripeSessionId: 1,
          createdAt: -1,
          _id: -1,
        });
        expect(listed.map((i) => i.name)).not.toContain('by_user');
        for (const spec of declaredIndexes) {
          const found = await seeded.db.collection(spec.collection).listIndexes().toArray();
          expect(found.map((i) => i.name)).toContain(spec.name);
        }
      } finally {
        server.kill('SIGTERM');
      }
    } finally {
      await seeded.db.dropDatabase();
      await seeded.close();
    }
  }, 30_000);
});
