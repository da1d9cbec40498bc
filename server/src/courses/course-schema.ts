import { z } from 'zod';
import { maxStripeAmount, stripeCurrencies } from './currencies.js';

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A URL-safe slug: lower-case letters, digits and single dashes, 1 to 64 characters. */
export const courseIdSchema = z
  .string()
  .regex(slug, 'must be a slug of lower-case letters, digits and dashes')
  .max(64, 'must be at most 64 characters');

/** The same check as `courseIdSchema`, without a schema's cost, for the hot price lookup. */
export function isCourseId(id: string): boolean {
  return id.length <= 64 && slug.test(id);
}

/** The body of `PUT /api/admin/courses/:id`. Unknown keys are refused. */
export const courseInputSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  description: z.string().max(2000, 'must be at most 2000 characters').default(''),
  price: z
    .number({ error: 'must be a number' })
    .int('must be an integer in the minor unit (cents)')
    .min(0, 'must not be negative')
    .max(maxStripeAmount, `must be at most ${maxStripeAmount}`),
  currency: z
    .string({ error: 'must be a string' })
    .transform((c) => c.toLowerCase())
    .refine((c) => stripeCurrencies.has(c), 'must be a currency Stripe supports (ISO 4217)'),
  active: z.boolean().default(true),
});

/** A validated course write. */
export type CourseInput = z.infer<typeof courseInputSchema>;
