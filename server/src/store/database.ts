import {
  MongoClient,
  MongoServerError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type Db,
} from 'mongodb';
import { errors, StartupError } from '../errors.js';

/** An open connection to the application's database. */
export interface Database {
  db: Db;
  /** Resolves when the server answers a ping; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How long to wait for the database: finding a server, connecting, and any one answer. */
export interface DatabaseTimeouts {
  connectMs: number;
  /** An operation whose answer does not come back in this time fails (503), rather than hanging the request. */
  answerMs: number;
}

/** Connects to MongoDB. Fails fast (5 s) when the server cannot be reached or stops answering. */
export async function connectDatabase(
  uri: string,
  dbName: string,
  timeouts: DatabaseTimeouts = { connectMs: 5_000, answerMs: 5_000 },
): Promise<Database> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeouts.connectMs,
    connectTimeoutMS: timeouts.connectMs,
    socketTimeoutMS: timeouts.answerMs,
    appName: 'course-booking',
  });
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new StartupError(`Cannot connect to MongoDB at ${hostsOf(uri)}: ${(error as Error).message}`);
  }
  const db = client.db(dbName);
  return {
    db,
    ping: async () => {
      await db.command({ ping: 1 });
    },
    close: () => client.close(),
  };
}

/** Runs a database operation, turning "the database is down" into a 503 AppError. */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isUnavailable(error)) {
      throw errors.databaseUnavailable({
        source: 'mongodb',
        name: (error as Error).name,
        message: (error as Error).message,
      });
    }
    throw error;
  }
}

/** A write refused by a unique index: another writer got there first. */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

function isUnavailable(error: unknown): boolean {
  return (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoNotConnectedError
  );
}

/** The hosts of a connection string, without credentials, database or options. */
function hostsOf(uri: string): string {
  const authority = uri.replace(/^mongodb(\+srv)?:\/\//, '').split(/[/?]/)[0] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1) || '?';
}
