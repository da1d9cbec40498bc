import { ConfigError, parseConfig } from '../config/env.js';
import { fail, type CheckResult } from './check.js';
import { checkConfig } from './config-checks.js';
import { checkDatabase } from './database-checks.js';
import { checkMail } from './mail-checks.js';
import { checkStripeWebhook } from './stripe-checks.js';

/** Every check of `npm run doctor`, against an environment as the server would read it. */
export async function runDoctor(env: Record<string, string | undefined>): Promise<CheckResult[]> {
  let config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) =>
      fail('configuration', problem, 'see .env.example for what each variable takes'),
    );
  }
  const [database, stripe, mail] = await Promise.all([
    checkDatabase(config),
    checkStripeWebhook(config),
    checkMail(config),
  ]);
  return [...checkConfig(config), ...database, ...stripe, ...mail];
}
