import type { Db } from 'mongodb';

/** What the database server says of itself: for `npm run doctor`. */
export interface ServerFacts {
  version: string;
  /** FerretDB's version when the server is FerretDB (the embedded database). */
  ferretdb: string | undefined;
  topology: { kind: 'replica set'; name: string } | { kind: 'sharded' } | { kind: 'standalone' };
  /** The server's clock, and how far this process's clock is ahead of it (ms; negative: behind). */
  serverTime: Date | undefined;
  clockAheadMs: number | undefined;
}

/** Asks the server for its version, topology and clock (`buildInfo`, `hello`). */
export async function describeServer(db: Db): Promise<ServerFacts> {
  const admin = db.admin();
  const before = Date.now();
  const hello = await admin.command({ hello: 1 });
  const after = Date.now();
  const build = await admin.command({ buildInfo: 1 });
  const serverTime = hello.localTime instanceof Date ? hello.localTime : undefined;
  return {
    version: String(build.version ?? '?'),
    ferretdb: typeof build.ferretdbVersion === 'string' ? build.ferretdbVersion : undefined,
    topology:
      typeof hello.setName === 'string'
        ? { kind: 'replica set', name: hello.setName }
        : hello.msg === 'isdbgrid'
          ? { kind: 'sharded' }
          : { kind: 'standalone' },
    serverTime,
    // The server read its clock somewhere between our two readings: compare with their middle.
    clockAheadMs: serverTime ? Math.round((before + after) / 2 - serverTime.getTime()) : undefined,
  };
}
