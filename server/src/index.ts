import { ConfigError, readConfig } from './config/env.js';
import { StartupError } from './errors.js';
import { createLogger } from './logger.js';
import { startBackend } from './main.js';
import { shutDownGracefully } from './shutdown.js';

// Reads the config, serves, and stops gracefully. Everything else is wired in main.ts.
try {
  const config = readConfig();
  const logger = createLogger(config.logLevel, { service: 'course-booking' }, undefined, config.logFormat);
  const { server, ready, close } = await startBackend(config, logger);
  shutDownGracefully(server, [close], logger);
  ready.catch((error: Error) => {
    logger.error('database migration failed; run npm run migrate to see it again', { error: error.message });
    process.exit(1);
  });
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
  process.exit(1);
}
