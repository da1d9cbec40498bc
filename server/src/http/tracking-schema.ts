import { z } from 'zod';
import { trackingKeys } from '../../../common/contract.js';

/** One campaign value: 1 to 200 printable characters (no control characters). */
const value = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must be printable characters only');

/** `tracking` of `POST /api/bookings/create`: the campaign parameters, each checked, nothing else. */
export const trackingSchema = z
  .strictObject(
    Object.fromEntries(trackingKeys.map((key) => [key, value.optional()])) as Record<
      (typeof trackingKeys)[number],
      z.ZodOptional<typeof value>
    >,
  )
  .meta({
    description: 'Where the student came from: utm_source, utm_medium, utm_campaign, utm_term, utm_content, ref',
  });
