import { MongoNetworkTimeoutError, MongoServerError, MongoWriteConcernError } from 'mongodb';
import { describe, expect, it, inject } from 'vitest';
import { AppError } from '../errors.js';
import { connectDatabase, guard } from './database.js';

const fail = (error: Error) => guard(() => Promise.reject(error));

describe('guard', () => {
  it.each([
    ['NotWritablePrimary (an election)', new MongoServerError({ code: 10107, errmsg: 'not primary' })],
    ['ExceededTimeLimit', new MongoServerError({ code: 262, errmsg: 'operation exceeded time limit' })],
    ['MaxTimeMSExpired', new MongoServerError({ code: 50, errmsg: 'operation exceeded time limit' })],
    [
      'a write concern not met',
      new MongoWriteConcernError({
        writeConcernError: { code: 64, errmsg: 'waiting for replication timed out' },
      } as never),
    ],
    ['a stalled socket', new MongoNetworkTimeoutError('connection timed out')],
  ])('answers %s with 503 database_unavailable and keeps the cause for the log', async (_, error) => {
    const thrown = await fail(error).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect((thrown as AppError).cause).toMatchObject({ source: 'mongodb', message: error.message });
  });

  it('leaves a duplicate key alone: that is an answer, not an outage', async () => {
    const duplicate = new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key' });
    await expect(fail(duplicate)).rejects.toBe(duplicate);
  });

  it('answers 503 overloaded when no connection of the pool frees in time, on a real server', async () => {
    const database = await connectDatabase(inject('mongodbUri'), `test_pool_${Date.now()}`, {
      connectMs: 5_000,
      answerMs: 15_000,
      poolSize: 1,
      waitQueueMs: 20,
    });
    try {
      const docs = Array.from({ length: 200 }, (_, i) => ({ i, text: 'x'.repeat(2_000) }));
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          guard(() => database.db.collection('pool').insertMany(docs.map((d) => ({ ...d })))),
        ),
      );
      const codes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as AppError).code));
      expect(codes).toContain('ok');
      expect(codes).toContain('overloaded');
      expect(codes.filter((c) => c !== 'ok' && c !== 'overloaded')).toEqual([]);
    } finally {
      await database.db.dropDatabase().catch(() => undefined);
      await database.close();
    }
  });
});
