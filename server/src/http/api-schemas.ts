import { z } from 'zod';
import type { Booking, BookingStatus, Course, CourseSession, WaitlistEntry } from '../../../common/contract.js';
import { paymentStatuses } from '../../../common/contract.js';
import { cancellationPolicySchema } from '../courses/cancellation-policy.js';
import { trackingSchema } from './tracking-schema.js';

// What the API answers with, as zod schemas: the OpenAPI document is generated from these and from
// the request schemas the routes validate with. Each is checked against the shared contract's type.

/** The one error shape. */
export const errorSchema = z
  .object({
    error: z.looseObject({
      code: z.string().meta({ example: 'invalid_request' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ ref: 'Error' });

const status = z.enum(paymentStatuses);

/** A question a course asks each attendee. */
const questionOut = z
  .object({
    id: z.string(),
    label: z.string(),
    type: z.enum(['text', 'select', 'checkbox']),
    options: z.array(z.string()).optional(),
    required: z.boolean(),
  })
  .meta({ ref: 'Question' });

/** Someone a booking's seat is for. */
const attendeeOut = z
  .object({
    name: z.string(),
    email: z.string().optional(),
    answers: z.record(z.string(), z.union([z.string(), z.boolean()])),
  })
  .meta({ ref: 'Attendee' });

export const courseSessionSchema = z
  .object({
    id: z.string().meta({ description: 'What POST /api/bookings/create takes as sessionId' }),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    timeZone: z.string().meta({ example: 'Europe/Berlin', description: 'The IANA zone it happens in' }),
    startsText: z.record(z.string(), z.string()).optional().meta({
      description:
        "When it starts, in its zone, the zone named, as the widget's languages (en, de, es, fr, ja) write it",
    }),
    utcOffset: z
      .number()
      .int()
      .optional()
      .meta({ description: 'How many minutes its zone is ahead of UTC when it starts', example: 60 }),
    location: z.string().optional(),
    meetings: z.array(z.object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime() })).optional(),
    seatsLeft: z.number().int().optional(),
    soldOut: z.boolean(),
    bookable: z.boolean().meta({ description: 'Before bookingClosesAt and not sold out' }),
  })
  .meta({ ref: 'CourseSession' }) satisfies z.ZodType<CourseSession>;

export const courseSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    price: z.number().int().meta({ description: "In the currency's minor unit (cents); 0 is free" }),
    currency: z.string().meta({ example: 'usd' }),
    priceText: z
      .record(z.string(), z.string())
      .optional()
      .meta({
        description: "The price as the widget's languages write it (en, de, es, fr, ja); absent for a free course",
        example: { en: '$49.00', de: '49,00 $' },
      }),
    seatsLeft: z.number().int().optional(),
    soldOut: z.boolean(),
    sessions: z
      .array(courseSessionSchema)
      .optional()
      .meta({ description: 'A course sold on dates: its upcoming sessions, soonest first' }),
    cancellationPolicy: cancellationPolicySchema.optional(),
    imageUrl: z.string().optional().meta({ description: 'A picture of the course (https), for a shared link' }),
    pageUrl: z.string().optional().meta({ description: "The course's page on the operator's own site" }),
    maxPerOrder: z
      .number()
      .int()
      .optional()
      .meta({ description: 'How many seats one purchase may buy, when more than one' }),
    questions: z.array(questionOut).optional().meta({ description: 'What the course asks each attendee' }),
  })
  .meta({ ref: 'Course' }) satisfies z.ZodType<Course>;

/** A course's session as the operator sees it: everything stored, the online link and cancellation too. */
export const adminCourseSessionSchema = z
  .object({
    id: z.string(),
    courseId: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    timeZone: z.string(),
    location: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    capacity: z.number().int().nullable(),
    bookingClosesAt: z.iso.datetime(),
    meetings: z.array(z.object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime() })),
    cancelled: z.boolean(),
    cancelledAt: z.iso.datetime().nullable(),
    cancelPending: z.boolean().meta({
      description: 'Cancelled, with bookings still ending (a payment under way); the reconciler finishes them',
    }),
  })
  .meta({ ref: 'AdminCourseSession' });

/** `GET /api/admin/courses/:courseId/sessions`: every session of a course, with its seats taken. */
export const adminSessionListSchema = z
  .object({
    sessions: z.array(
      adminCourseSessionSchema.extend({
        seatsTaken: z.number().int().meta({ description: 'Seats held or kept in this session' }),
      }),
    ),
  })
  .meta({ ref: 'AdminSessionList' });

/** `GET /api/admin/courses/:courseId/sessions/:sessionId/attendees`: who comes. */
export const sessionAttendeesSchema = z
  .object({
    session: adminCourseSessionSchema,
    questions: z.array(questionOut).meta({ description: "The course's questions, whose ids key each row's answers" }),
    attendees: z.array(
      z.object({
        bookingId: z.string(),
        seat: z.number().int().meta({ description: "Which of the booking's seats (1 to its quantity)" }),
        name: z.string().nullable().meta({ description: 'Who sits there (null: not named)' }),
        attendeeEmail: z.string().nullable(),
        answers: z.record(z.string(), z.union([z.string(), z.boolean()])),
        paymentStatus: status,
        paidAt: z.iso.datetime(),
        userId: z.string(),
        email: z.string().nullable().meta({ description: "The buyer's address" }),
        quantity: z.number().int(),
        amountPaid: z.number().int().meta({ description: 'What the booking paid, for all its seats' }),
        currency: z.string(),
      }),
    ),
  })
  .meta({ ref: 'SessionAttendees' });

/** `POST /api/admin/courses/:courseId/sessions/:sessionId/cancel`: the session and what went back to each booking. */
export const sessionCancelSchema = z
  .object({
    session: adminCourseSessionSchema,
    refunds: z.array(
      z.object({
        bookingId: z.string(),
        amountRefunded: z.number().int(),
        currency: z.string(),
        refundId: z.string().nullable().meta({ description: "Stripe's refund; null when nothing was paid" }),
      }),
    ),
  })
  .meta({ ref: 'SessionCancellation' });

/** A place on a waiting list. */
export const waitlistEntrySchema = z
  .object({
    id: z.string(),
    courseId: z.string(),
    courseTitle: z.string(),
    sessionId: z.string().optional(),
    session: z.object({ startsAt: z.iso.datetime(), timeZone: z.string() }).optional(),
    quantity: z.number().int(),
    status: z.enum(['waiting', 'offered', 'taken', 'lapsed', 'left', 'removed']),
    position: z.number().int().nullable().meta({ description: '1 for the first in line; null once it left the line' }),
    offer: z
      .object({ expiresAt: z.iso.datetime() })
      .nullable()
      .meta({ description: 'Seats held for the student until then: a create of the course or date takes them' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ ref: 'WaitlistEntry' }) satisfies z.ZodType<WaitlistEntry>;

export const courseListSchema = z.object({ courses: z.array(courseSchema) }).meta({ ref: 'CourseList' });

export const adminCourseSchema = courseSchema
  .extend({
    active: z.boolean(),
    capacity: z.number().int().nullable(),
    maxPerOrder: z.number().int().meta({ description: 'How many seats one purchase may buy (1 to 20)' }),
    questions: z.array(questionOut),
    waitlistOfferHours: z.number().int().meta({ description: "Hours a waiting list's offer holds its seats" }),
    allowPromotionCodes: z.boolean(),
    invoiceCreation: z.boolean().meta({ description: 'Stripe creates an invoice for each payment' }),
    taxIdCollection: z.boolean().meta({ description: 'Checkout asks a business for its tax ID' }),
    reminderHours: z
      .number()
      .int()
      .meta({ description: 'Hours before each dated session its reminder email goes out; 0: none' }),
    unseated: z.number().int().optional().meta({ description: 'Sold bookings above a new seat limit' }),
  })
  .meta({ ref: 'AdminCourse' });

export const bookingStatusSchema = z
  .object({
    id: z.string(),
    courseId: z.string(),
    course: z.object({ id: z.string(), title: z.string() }),
    paymentStatus: status,
    sessionId: z.string().optional().meta({ description: 'The dated session booked' }),
  })
  .meta({ ref: 'BookingStatus' }) satisfies z.ZodType<BookingStatus>;

export const bookingSchema = bookingStatusSchema
  .extend({
    session: z
      .object({
        id: z.string(),
        startsAt: z.iso.datetime(),
        endsAt: z.iso.datetime(),
        timeZone: z.string(),
        location: z.string().optional(),
        onlineUrl: z.string().optional().meta({ description: 'Only once the booking is paid' }),
        meetings: z.array(z.object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime() })).optional(),
      })
      .optional()
      .meta({ description: 'When and where the dated session happens' }),
    quantity: z.number().int().meta({ description: 'How many seats the booking holds' }),
    attendees: z.array(attendeeOut).optional().meta({ description: 'Who each seat is for, with their answers' }),
    attendeesUntil: z.iso
      .datetime()
      .nullable()
      .optional()
      .meta({ description: "The owner's view: until when the attendees may change (null: no longer)" }),
    amount: z.number().int().meta({ description: 'The list price charged, for every seat' }),
    amountPaid: z.number().int().nullable(),
    amountRefunded: z
      .number()
      .int()
      .meta({ description: "What has gone back of the payment so far, in the currency's minor unit (0: nothing)" }),
    currency: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    stripeSessionId: z.string().nullable(),
    stripePaymentIntentId: z.string().nullable(),
    invoiceId: z
      .string()
      .nullable()
      .meta({ description: "Stripe's invoice of the payment, when the course asks for one" }),
    history: z.array(z.object({ status, at: z.iso.datetime() })),
    cancellation: z
      .object({
        allowed: z.boolean().meta({ description: 'Whether its owner may cancel it now' }),
        by: z.enum(['organiser', 'student']).optional().meta({ description: 'A cancelled booking: who cancelled it' }),
        reason: z.enum(['session_cancelled', 'student_cancelled']).optional(),
        at: z.iso.datetime().optional(),
        amountRefunded: z
          .number()
          .int()
          .optional()
          .meta({ description: "A cancelled booking: what went back, in the currency's minor unit" }),
        refundAmount: z
          .number()
          .int()
          .optional()
          .meta({ description: 'Not cancelled: what cancelling now sends back (the course’s policy)' }),
        until: z.iso.datetime().nullable().optional().meta({ description: 'When that stops holding' }),
        moveUntil: z.iso
          .datetime()
          .nullable()
          .optional()
          .meta({ description: 'Until when it may move to another date' }),
        policy: cancellationPolicySchema.optional().meta({ description: 'Not cancelled: the course’s policy' }),
      })
      .optional()
      .meta({ description: 'What happened to a cancelled booking, or what its owner may do now' }),
    userId: z.string().optional().meta({ description: 'Admin responses only' }),
  })
  .meta({ ref: 'Booking' }) satisfies z.ZodType<Booking>;

export const bookingListSchema = z
  .object({ bookings: z.array(bookingSchema), next: z.string().nullable().optional() })
  .meta({ ref: 'BookingList' });

export const createBookingResponseSchema = z
  .object({
    booking: bookingSchema,
    checkout: z
      .union([
        z.object({ url: z.url() }),
        z.object({ clientSecret: z.string(), publishableKey: z.string(), frameUrl: z.string().optional() }),
      ])
      .optional(),
  })
  .meta({ ref: 'CreateBookingResponse' });

export const tokenSchema = z.object({ token: z.string(), expiresAt: z.iso.datetime() }).meta({ ref: 'Token' });

/** A booking's invoice: Stripe's, read when asked for. */
export const invoiceSchema = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    status: z.string().nullable(),
    url: z.url().nullable().meta({ description: "Stripe's hosted invoice page; null until Stripe finalizes it" }),
  })
  .meta({ ref: 'Invoice' });

/** A booking as the operator's booking page shows it. */
export const adminBookingSchema = bookingSchema
  .extend({
    userId: z.string(),
    email: z.string().nullable(),
    tracking: trackingSchema.nullable().meta({ description: 'Where the student came from (campaign parameters)' }),
    siteOrigin: z.string(),
    attempt: z.number().int(),
    history: z.array(
      z.object({
        status,
        at: z.iso.datetime(),
        eventId: z.string(),
        type: z.string(),
        amount: z.number().int().optional().meta({ description: 'A step that sent money back: how much' }),
        move: z
          .object({ from: z.string(), to: z.string(), by: z.string() })
          .optional()
          .meta({ description: 'A move to another date: from which session, to which, by whom' }),
      }),
    ),
    refunds: z
      .array(
        z.object({
          id: z.string(),
          amount: z.number().int(),
          reason: z.string().nullable(),
          at: z.iso.datetime(),
          by: z.string(),
          byName: z.string().optional(),
        }),
      )
      .meta({ description: "The operator's refunds of this attempt's payment, oldest first" }),
    refundRequest: z
      .object({ at: z.iso.datetime(), by: z.string(), byName: z.string().optional(), refundId: z.string() })
      .nullable()
      .meta({ description: 'Set from the refund request until the webhook moves the booking' }),
    stripeLinks: z
      .record(z.string(), z.url())
      .meta({ description: "The same objects in Stripe's Dashboard (test or live, from the key)" }),
  })
  .meta({ ref: 'AdminBooking' });

export const adminBookingPageSchema = z
  .object({
    bookings: z.array(
      bookingSchema.extend({ userId: z.string(), email: z.string().nullable(), tracking: trackingSchema.nullable() }),
    ),
    next: z.string().nullable().meta({ description: 'The cursor of the next page; null on the last' }),
  })
  .meta({ ref: 'AdminBookingPage' });

export const bookingTotalsSchema = z
  .object({
    byStatus: z.partialRecord(status, z.number().int()),
    revenue: z.record(z.string(), z.number().int()).meta({ description: 'Paid bookings, minor units per currency' }),
  })
  .meta({ ref: 'BookingTotals' });

export const webhookEventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    receivedAt: z.iso.datetime(),
    bookingId: z.string().nullable(),
    outcome: z.enum(['applied', 'unchanged', 'ignored', 'parked', 'retry', 'processing']),
    reason: z.string().nullable(),
    duplicates: z.number().int(),
    failures: z.number().int(),
  })
  .meta({ ref: 'WebhookEvent' });

export const webhookPageSchema = z
  .object({ events: z.array(webhookEventSchema), next: z.string().nullable() })
  .meta({ ref: 'WebhookEventPage' });

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actor: z.string(),
    actorName: z.string().optional().meta({ description: 'What the console calls the operator' }),
    action: z.string(),
    target: z.object({ type: z.enum(['course', 'booking', 'webhook_endpoint', 'message']), id: z.string() }),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ ref: 'AuditEntry' });

export const auditPageSchema = z
  .object({ entries: z.array(auditEntrySchema), next: z.string().nullable() })
  .meta({ ref: 'AuditPage' });

export const operatorStatusSchema = z
  .object({
    database: z.object({ ready: z.boolean(), latencyMs: z.number().nullable() }),
    stripe: z.object({
      configured: z.boolean(),
      mode: z.enum(['test', 'live']).nullable(),
      lastSuccessAt: z.iso.datetime().nullable(),
      lastFailureAt: z.iso.datetime().nullable(),
      lastError: z.string().nullable(),
    }),
    reconciler: z.object({
      lastRunAt: z.iso.datetime().nullable(),
      durationMs: z.number().nullable(),
      checked: z.number().int(),
      repaired: z.number().int(),
      failed: z.number().int(),
    }),
    oldestOpen: z
      .object({ id: z.string(), paymentStatus: status, createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() })
      .nullable()
      .meta({ description: 'The booking waiting longest in pending or processing' }),
    webhooksWaiting: z.object({ retry: z.number().int(), parked: z.number().int() }),
    outbox: z
      .object({
        waiting: z.number().int().meta({ description: 'Mails and webhook deliveries not sent yet' }),
        failed: z.number().int().meta({ description: 'Given up on (see GET /api/admin/outbox?state=failed)' }),
        lastRunAt: z.iso.datetime().nullable().meta({ description: 'When the messenger last sent or wrote something' }),
      })
      .meta({ description: 'The outbox of mails and outgoing webhooks' }),
    openOffers: z.number().int().meta({ description: "Waiting lists' offers holding seats now" }),
  })
  .meta({ ref: 'OperatorStatus' });

export const adminSessionSchema = tokenSchema
  .extend({ userId: z.string(), development: z.boolean(), name: z.string().optional() })
  .meta({ ref: 'AdminSession' });

export const operatorSchema = z
  .object({
    actor: z.string().meta({ description: "The admin's user id, or api_key" }),
    name: z.string().optional().meta({ description: 'Their email or development name; API key for scripts' }),
    development: z.boolean().meta({ description: 'Signed in by development sign-in' }),
  })
  .meta({ ref: 'Operator' });
