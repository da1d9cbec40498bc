import { randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { takeClaim, type ClaimDoc } from './claims.js';

let t: TestApp;
let claims: Collection<ClaimDoc>;
beforeAll(async () => {
  t = await createTestApp();
  claims = t.database.db.collection<ClaimDoc>('leases');
});
afterAll(() => t?.close());

const staleMs = 1_000;
const key = () => `lease-${randomBytes(4).toString('hex')}`;

/** The collection, with `between` run after each `findOne` answers and before the caller goes on. */
function interleaved(between: () => Promise<void>): Collection<ClaimDoc> {
  return new Proxy(claims, {
    get(target, name, receiver) {
      if (name !== 'findOne') return Reflect.get(target, name, receiver) as unknown;
      return async (...args: Parameters<Collection<ClaimDoc>['findOne']>) => {
        const found = await target.findOne(...args);
        await between();
        return found;
      };
    },
  });
}

describe('takeClaim', () => {
  it('gives one holder at a time, renews its own and takes over a stale one', async () => {
    const id = key();
    const start = new Date();
    expect(await takeClaim(claims, id, 'a', start, staleMs)).toBe(true);
    expect(await takeClaim(claims, id, 'b', start, staleMs)).toBe(false);
    expect(await takeClaim(claims, id, 'a', new Date(start.getTime() + 500), staleMs)).toBe(true);
    expect(await takeClaim(claims, id, 'b', new Date(start.getTime() + 1_200), staleMs)).toBe(false);
    expect(await takeClaim(claims, id, 'b', new Date(start.getTime() + 1_600), staleMs)).toBe(true);
  });

  it('does not renew a lease another instance took over between the read and the write', async () => {
    const id = key();
    const start = new Date();
    await takeClaim(claims, id, 'a', start, staleMs);
    const later = new Date(start.getTime() + 5_000);
    // A pauses after reading its own (stale) lease; B takes it over in that moment.
    let tookOver: boolean | undefined;
    const renewing = interleaved(async () => {
      tookOver ??= await takeClaim(claims, id, 'b', later, staleMs);
    });
    const renewed = await takeClaim(renewing, id, 'a', later, staleMs);
    expect(tookOver).toBe(true);
    expect(renewed).toBe(false);
    expect((await claims.findOne({ _id: id }))?.owner).toBe('b');
  });
});
