import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { assemble } from '../../server/src/compose.js';
import { createAuth } from '../../server/src/auth/index.js';
import { catalogOver } from '../../server/src/courses/catalog.js';
import { createLogger } from '../../server/src/logger.js';
import {
  connectDatabase,
  createStores,
  migrateDatabase,
  type Database,
  type Stores,
} from '../../server/src/store/index.js';

/** The admin key every test app accepts. */
export const adminKey = 'test-admin-key-' + randomBytes(12).toString('hex');

/** An app over its own fresh database on the shared FerretDB. */
export interface TestApp {
  app: ReturnType<typeof assemble>['app'];
  database: Database;
  close(): Promise<void>;
}

/** The real app over given stores, with test settings: no payments, a silent log, no cache. */
export function appOver(stores: Stores, ping: () => Promise<void>, widget?: string) {
  const settings = { publicUrl: 'http://127.0.0.1:8787', allowedOrigins: [], widgetTokenSecret: 'w'.repeat(32) };
  const { app } = assemble({
    config: { ...settings, adminApiKey: adminKey },
    auth: createAuth({ ...settings, clerk: {} }),
    stores,
    catalog: catalogOver(stores, { cacheMs: 0 }),
    logger: createLogger('silent'),
    ping,
    loadAsset: async (name) =>
      name === 'widget.js' ? widget : name === 'chunks/flow-abc123.js' ? 'chunk flow-abc123.js' : undefined,
  });
  return app;
}

/** Builds the real app over a new database of the test FerretDB. */
export async function createTestApp(options: { widget?: string } = {}): Promise<TestApp> {
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  // As a server starts: the migrations on their own connection, then the requests' connection.
  await migrateDatabase(inject('mongodbUri'), dbName);
  const database = await connectDatabase(inject('mongodbUri'), dbName);
  const app = appOver(createStores(database.db), database.ping, options.widget);
  return {
    app,
    database,
    close: async () => {
      await database.db.dropDatabase().catch(() => undefined);
      await database.close();
    },
  };
}

/** Headers for an admin JSON request. */
export function adminHeaders(key = adminKey): Record<string, string> {
  return { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
}

/** Creates a course through the admin API and returns the response body. */
export async function putCourse(app: TestApp['app'], id: string, body: Record<string, unknown>): Promise<unknown> {
  const res = await app.request(`/api/admin/courses/${id}`, {
    method: 'PUT',
    headers: adminHeaders(),
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`PUT course ${id}: ${res.status} ${await res.text()}`);
  return res.json();
}
