import { z } from 'zod';
import { decodeCursor } from '../store/page-cursor.js';

/**
 * The query of a newest-first list, a page at a time: `limit` (1–500) and `cursor`, the previous
 * page's `next`, read here (400 `invalid_request` naming `cursor` when it is not one of ours).
 */
export function pageQuery(defaultLimit: number) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(500).default(defaultLimit),
    cursor: z
      .string()
      .max(200)
      .optional()
      .transform((text, context) => {
        if (text === undefined) return undefined;
        const cursor = decodeCursor(text);
        if (!cursor) context.addIssue({ code: 'custom', message: 'must be a cursor from a previous page' });
        return cursor ?? undefined;
      })
      .meta({ description: "The previous page's `next`" }),
  });
}
