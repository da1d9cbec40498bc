import type { Server } from 'node:http';
import type { Logger } from './logger.js';

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests finish, then run the
 * cleanups (closing the database) and exit. A stuck request cannot hold the process past `graceMs`.
 */
export function shutDownGracefully(
  server: Server & { drain?: () => Promise<void> },
  cleanups: Array<() => Promise<void>>,
  logger: Logger,
  graceMs = 10_000,
): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting with requests still open');
      process.exit(1);
    }, graceMs);
    force.unref();
    const finish = async () => {
      for (const cleanup of cleanups)
        await cleanup().catch((error: Error) => logger.error('cleanup failed', { error: error.message }));
      logger.info('stopped');
      process.exit(0);
    };
    // Every request whose headers reached us is answered (with `Connection: close`); idle
    // keep-alive connections are closed once idle for a moment, then the cleanups run.
    if (server.drain) void server.drain().then(finish);
    else server.close(() => void finish());
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
