import { ConfigError, readConfig } from './config/env.js';
import { setUpStripeWebhook } from './going-live/setup-stripe.js';
import { handledEventTypes } from './stripe/webhook-endpoints.js';

// `npm run setup:stripe`: creates the Stripe webhook endpoint with exactly the handled events and
// prints its signing secret, once.
try {
  const outcome = await setUpStripeWebhook(readConfig());
  if (outcome.done === 'created') {
    console.log(`Created the webhook endpoint ${outcome.id} for ${outcome.url}`);
    console.log(`with ${handledEventTypes.length} event types: ${handledEventTypes.join(', ')}.`);
    if (outcome.secret) {
      console.log('\nIts signing secret, shown this once; set it where the backend runs:\n');
      console.log(`STRIPE_WEBHOOK_SECRET=${outcome.secret}\n`);
    } else {
      console.log(
        '\nStripe did not return its signing secret: reveal it in Stripe’s Dashboard → Developers → Webhooks.',
      );
    }
  } else if (outcome.done === 'updated') {
    console.log(
      `The webhook endpoint ${outcome.id} for ${outcome.url} now receives exactly the ${handledEventTypes.length} handled event types.`,
    );
    console.log('Its signing secret is unchanged (Stripe’s Dashboard → Developers → Webhooks shows it).');
  } else {
    console.log(`The webhook endpoint ${outcome.id} for ${outcome.url} is already set up; nothing changed.`);
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `setup:stripe failed: ${(error as Error).message}`);
  process.exit(1);
}
