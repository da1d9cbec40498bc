import {
  MongoClient,
  MongoDriverError,
  MongoError,
  MongoWriteConcernError,
  MongoServerError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type Db,
} from 'mongodb';
import { errors, StartupError } from '../errors.js';
import { withQueryLimit } from './query-limit.js';

/** An open connection to the application's database. */
export interface Database {
  db: Db;
  /** Resolves when the server answers a ping; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How long to wait for the database, and how much of it one instance may use at once. A burst
 * waits in the driver's queue for a free connection (and is shed as 503 `overloaded` when none
 * frees in time, before its work is sent) rather than piling onto the server and having its
 * connections cut mid-write.
 */
export interface DatabaseTimeouts {
  /** Finding a server and opening a connection. */
  connectMs: number;
  /** A server that says nothing for this long is taken as stalled: the operation fails (503). Above `queryMs`. */
  answerMs: number;
  /** `maxTimeMS` of every query and aggregation: the server stops the work itself and says so. */
  queryMs?: number;
  /** Connections to the database per instance. */
  poolSize?: number;
  /** How long an operation waits for a free connection before it is shed as `overloaded`. */
  waitQueueMs?: number;
}

/** Defaults for a request's database work. */
export const defaultDatabaseTimeouts: Required<DatabaseTimeouts> = {
  connectMs: 5_000,
  answerMs: 15_000,
  queryMs: 5_000,
  poolSize: 10,
  waitQueueMs: 3_000,
};

/**
 * What the application pins whatever the connection string says: majority writes and reads,
 * from the primary, so an acknowledged booking survives a failover and every read sees it.
 */
export const pinnedConsistency = {
  readPreference: 'primary',
  readConcern: { level: 'majority' },
  writeConcern: { w: 'majority' },
} as const;

/** Connects to MongoDB. Fails fast when the server cannot be reached; see `DatabaseTimeouts` for the rest. */
export async function connectDatabase(
  uri: string,
  dbName: string,
  timeouts: DatabaseTimeouts = defaultDatabaseTimeouts,
  appName = 'course-booking',
): Promise<Database> {
  const limits = { ...defaultDatabaseTimeouts, ...timeouts };
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: limits.connectMs,
    connectTimeoutMS: limits.connectMs,
    socketTimeoutMS: Math.max(limits.answerMs, 1),
    maxPoolSize: limits.poolSize,
    waitQueueTimeoutMS: limits.waitQueueMs,
    appName,
    ...pinnedConsistency,
    monitorCommands: watchCommands !== undefined,
  });
  watchCommands?.(client);
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new StartupError(`Cannot connect to MongoDB at ${hostsOf(uri)}: ${(error as Error).message}`);
  }
  const db = withQueryLimit(client.db(dbName), limits.queryMs);
  return {
    db,
    ping: async () => {
      await db.command({ ping: 1 });
    },
    close: () => client.close(),
  };
}

/**
 * Generous limits for the migrations: they run once, before traffic, and may scan a collection or
 * build an index over millions of documents. Never used for a request.
 */
export const migrationTimeouts: DatabaseTimeouts = {
  connectMs: 10_000,
  answerMs: 30 * 60_000,
  queryMs: 30 * 60_000,
  poolSize: 2,
  waitQueueMs: 60_000,
};

let watchCommands: ((client: MongoClient) => void) | undefined;
/** Calls `watch` with every client this process opens from now on: the test suite records their commands through it. */
export function onEveryClient(watch: (client: MongoClient) => void): void {
  watchCommands = watch;
}

/** Runs a database operation, turning "the database is down, stalled or overloaded" into a 503 AppError. */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const cause = { source: 'mongodb', name: (error as Error).name, message: (error as Error).message };
    if (isPoolExhausted(error)) throw errors.overloaded(cause);
    if (isUnavailable(error)) throw errors.databaseUnavailable(cause);
    throw error;
  }
}

/**
 * A write refused by a unique index: another writer got there first. FerretDB 1.x answers an
 * update that would break one with code 1 (`InternalError`) and PostgreSQL's words, not 11000.
 */
export function isDuplicateKey(error: unknown): boolean {
  if (!(error instanceof MongoServerError)) return false;
  return (
    error.code === 11000 || (error.code === 1 && /duplicate key value violates unique constraint/.test(error.message))
  );
}

/** No connection freed in time: this instance already has as much database work in flight as it may. */
function isPoolExhausted(error: unknown): boolean {
  if (error instanceof MongoDriverError && error.name === 'MongoWaitQueueTimeoutError') return true;
  // A bulk write (insertMany) wraps what stopped it.
  const wrapped = (error as { errorResponse?: unknown } | null)?.errorResponse;
  return error instanceof MongoServerError && wrapped instanceof Error && isPoolExhausted(wrapped);
}

/**
 * Server answers that mean "not now" rather than "wrong": no primary (an election), a write concern
 * not met, the server's own time limit, a shutdown. Each is a 503 with its cause logged.
 */
const unavailableCodes = new Set([
  50, // MaxTimeMSExpired
  262, // ExceededTimeLimit
  10107, // NotWritablePrimary
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
  189, // PrimarySteppedDown
  91, // ShutdownInProgress
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  64, // WriteConcernFailed
  100, // UnsatisfiableWriteConcern
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  9001, // SocketException
]);

function isUnavailable(error: unknown): boolean {
  return (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoWriteConcernError ||
    (error instanceof MongoServerError && typeof error.code === 'number' && unavailableCodes.has(error.code)) ||
    (error instanceof MongoError && error.hasErrorLabel('RetryableWriteError'))
  );
}

/** The hosts of a connection string, without credentials, database or options. */
function hostsOf(uri: string): string {
  const authority = uri.replace(/^mongodb(\+srv)?:\/\//, '').split(/[/?]/)[0] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1) || '?';
}
