import {
  MongoClient,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type Db,
} from 'mongodb';
import { errors } from '../errors.js';

/** An open connection to the application's database. */
export interface Database {
  db: Db;
  /** Resolves when the server answers a ping; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Connects to MongoDB. Fails fast (5 s) when the server cannot be reached. */
export async function connectDatabase(uri: string, dbName: string): Promise<Database> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    appName: 'course-booking',
  });
  await client.connect();
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
    if (isUnavailable(error)) throw errors.databaseUnavailable();
    throw error;
  }
}

function isUnavailable(error: unknown): boolean {
  return (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoNotConnectedError
  );
}
