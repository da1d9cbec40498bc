import { z } from 'zod';
import { cancellationPolicySchema } from './cancellation-policy.js';
import { maxStripeAmount, minimumPrice, stripeCurrencies } from './currencies.js';
import { questionsSchema } from './questions.js';

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A URL-safe slug: lower-case letters, digits and single dashes, 1 to 64 characters. */
export const courseIdSchema = z
  .string()
  .regex(slug, 'must be a slug of lower-case letters, digits and dashes')
  .max(64, 'must be at most 64 characters');

/** How many seats one purchase (or one place on a waiting list) asks for: 1 to 20. */
export const seatCountSchema = z
  .number({ error: 'must be a number' })
  .int('must be a whole number of seats')
  .min(1, 'must be at least 1')
  .max(20, 'must be at most 20');

/** The same check as `courseIdSchema`, without a schema's cost, for the hot price lookup. */
export function isCourseId(id: string): boolean {
  return id.length <= 64 && slug.test(id);
}

/**
 * The body of `PUT /api/admin/courses/:id`. Unknown keys are refused. A price is 0 (free) or at
 * least Stripe's minimum charge for its currency, so no course is ever unpayable.
 */
export const courseInputSchema = z
  .strictObject({
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
    /** How many seats the course sells; none set means no limit. */
    capacity: z
      .number({ error: 'must be a number' })
      .int('must be a whole number of seats')
      .min(1, 'must be at least 1 (archive the course to stop selling it)')
      .max(100_000, 'must be at most 100000')
      .nullable()
      .default(null),
    /** How many seats one purchase may buy (a parent for two children, an employer for three staff). */
    maxPerOrder: z
      .number({ error: 'must be a number' })
      .int('must be a whole number of seats')
      .min(1, 'must be at least 1')
      .max(20, 'must be at most 20')
      .default(1),
    /** How long seats freed for the next on the waiting list are held for them, in hours. */
    waitlistOfferHours: z
      .number({ error: 'must be a number' })
      .int('must be a whole number of hours')
      .min(1, 'must be at least 1')
      .max(168, 'must be at most 168 (a week)')
      .default(24),
    /** What the widget asks each attendee before checkout (up to five questions). */
    questions: questionsSchema,
    /** Lets the student enter a Stripe promotion code in Checkout. */
    allowPromotionCodes: z.boolean().default(false),
    /** Stripe creates an invoice for each payment (Checkout's `invoice_creation`); the booking links it. */
    invoiceCreation: z.boolean().default(false),
    /** Checkout asks a business for its tax ID (VAT number), shown on its invoice (`tax_id_collection`). */
    taxIdCollection: z.boolean().default(false),
    /** How many hours before each dated session its students get a reminder; 0: none. */
    reminderHours: z
      .number({ error: 'must be a number' })
      .int('must be a whole number of hours')
      .min(0, 'must not be negative (0: no reminder)')
      .max(168, 'must be at most 168 (a week)')
      .default(24),
    /** When students may cancel (and what comes back) or move to another date themselves; none: never. */
    cancellationPolicy: cancellationPolicySchema.nullable().default(null),
    /** A picture of the course (https), for a shared link's preview. */
    imageUrl: z
      .url({ protocol: /^https$/, error: 'must be an https address' })
      .max(2000, 'must be at most 2000 characters')
      .nullable()
      .default(null),
    /** The course's page on the operator's own site: the hosted page names it canonical. */
    pageUrl: z
      .url({ protocol: /^https?$/, error: 'must be an https or http address' })
      .max(2000, 'must be at most 2000 characters')
      .nullable()
      .default(null),
  })
  .superRefine((course, context) => {
    const minimum = minimumPrice(course.currency);
    if (course.price > 0 && course.price < minimum) {
      context.addIssue({
        code: 'custom',
        path: ['price'],
        message: `must be 0 (free) or at least ${minimum}, Stripe's minimum charge in ${course.currency.toUpperCase()}`,
      });
    }
  });

/** A validated course write. */
export type CourseInput = z.infer<typeof courseInputSchema>;

/** A course write from code (tests, the seed): the commerce options default to none. */
export type CourseWrite = Omit<CourseInput, CommerceOption> & Partial<Pick<CourseInput, CommerceOption>>;

type CommerceOption =
  | 'capacity'
  | 'maxPerOrder'
  | 'questions'
  | 'waitlistOfferHours'
  | 'allowPromotionCodes'
  | 'invoiceCreation'
  | 'taxIdCollection'
  | 'reminderHours'
  | 'cancellationPolicy'
  | 'imageUrl'
  | 'pageUrl';
