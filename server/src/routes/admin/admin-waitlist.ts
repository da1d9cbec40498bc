import { Hono } from 'hono';
import { z } from 'zod';
import type { WaitingLists } from '../../bookings/waitlist.js';
import { seatPool } from '../../courses/course-sessions.js';
import { courseIdSchema } from '../../courses/course-schema.js';
import type { AdminEnv } from '../../http/admin-auth.js';
import { waitlistEntrySchema } from '../../http/api-schemas.js';
import { documented, validQuery } from '../../http/openapi.js';
import type { AuditStore, WaitlistEntry, WaitlistStore } from '../../store/index.js';

const adminEntrySchema = waitlistEntrySchema.extend({
  userId: z.string(),
  email: z.string().nullable().meta({ description: "The student's address: the offer's email goes there" }),
});

/** The operator's waiting lists: a course's (or date's) line, and offering or removing an entry by hand, audited. */
export function adminWaitlistRoutes(deps: {
  lines: WaitingLists;
  waitlist: WaitlistStore;
  audit: AuditStore;
  now: () => Date;
}) {
  const { lines, waitlist, audit, now } = deps;
  const app = new Hono<AdminEnv>();
  const adminView = async (entry: WaitlistEntry) => ({
    ...(await lines.view(entry)),
    userId: entry.userId,
    email: entry.email,
  });

  app.get(
    '/waitlist',
    documented({
      summary: "A course's (or date's) waiting list: who waits, in order, and who holds an offer",
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'The line', schema: z.object({ entries: z.array(adminEntrySchema) }) } },
      errors: [400, 401, 403],
    }),
    validQuery(z.object({ courseId: courseIdSchema, sessionId: courseIdSchema.optional() })),
    async (c) => {
      const { courseId, sessionId } = c.req.valid('query');
      const open = await waitlist.listOpen(seatPool(courseId, sessionId), 500);
      return c.json({ entries: await Promise.all(open.map(adminView)) });
    },
  );

  const act = (action: 'offer' | 'remove') => async (id: string, operator: { actor: string; name?: string }) => {
    const before = await waitlist.find(id);
    const entry = action === 'offer' ? await lines.offerByHand(id, operator.actor) : await lines.remove(id);
    await audit.record({
      at: now(),
      actor: operator.actor,
      actorName: operator.name,
      action: `waitlist.${action}`,
      target: { type: 'waitlist', id },
      before: { status: before?.status ?? null },
      after: { status: entry.status },
    });
    return entry;
  };

  app.post(
    '/waitlist/:id/offer',
    documented({
      summary: 'Offer an entry its seats now, out of turn if need be (409 when too few are free)',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'Offered', schema: z.object({ entry: waitlistEntrySchema }) } },
      errors: [401, 403, 404, 409, 503],
    }),
    async (c) => c.json({ entry: await act('offer')(c.req.param('id'), c.get('operator')) }),
  );

  app.delete(
    '/waitlist/:id',
    documented({
      summary: 'Remove an entry from its waiting list (an offer it held goes to the next in line)',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'Removed', schema: z.object({ entry: waitlistEntrySchema }) } },
      errors: [401, 403, 404, 503],
    }),
    async (c) => c.json({ entry: await act('remove')(c.req.param('id'), c.get('operator')) }),
  );

  return app;
}
