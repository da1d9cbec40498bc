import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startMailpit } from '../../../scripts/lib/servers.mjs';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';
import { mailbox } from '../../../test/support/mailbox.js';

// Booking emails over real SMTP to the test mail catcher (Mailpit), read back over its HTTP API:
// each in the student's language, each once, however often the step behind it is applied again.
let h: Harness;
const mail = mailbox();
const operatorEmail = `operator-${randomBytes(4).toString('hex')}@pottery.test`;
beforeAll(async () => {
  h = await startHarness({ smtpUrl: inject('smtpUrl'), operatorEmail });
  const course = { description: '', price: 12900, currency: 'eur', active: true };
  await h.catalog.put('pottery', { ...course, title: 'Pottery Weekend' });
  await h.catalog.put('free-walk', { ...course, title: 'Free walk', price: 0 });
  await h.putSession('pottery', 'march', {
    startsAt: '2027-03-14T09:00:00+01:00',
    location: 'Studio 2, Berlin',
    onlineUrl: 'https://meet.example/pottery',
  });
});
afterAll(() => h.close());

/** A student with an address of their own at the catcher. */
const someone = () => h.student(undefined, `student-${randomBytes(5).toString('hex')}@example.test`);

async function bookDate(token: string, locale: string, sessionId = 'march') {
  const res = await h.api('/api/bookings/create', {
    token,
    body: { courseId: 'pottery', sessionId, returnUrl, mode: 'redirect', locale },
  });
  expect(res.status).toBe(201);
  return { id: res.body.booking.id as string, sessionId: res.body.booking.stripeSessionId as string };
}

describe('booking emails', () => {
  it('confirms a paid booking once, in the language booked in, with the date in its zone, the place, the link and a calendar file', async () => {
    const student = someone();
    const messenger = h.messenger();
    const booked = await bookDate(student.token, 'de');
    await h.payPage(booked.sessionId, 'pay');
    await h.waitForStatus(booked.id, 'paid');
    const [summary] = await mail.waitFor(student.email!, 1, () => messenger.runOnce());
    const message = await mail.read(summary!.ID);
    expect(message.Subject).toBe('Buchung bestätigt: Pottery Weekend');
    expect(message.From).toMatchObject({ Name: 'Pottery Studio', Address: 'hello@pottery.test' });
    expect(message.Text).toContain('14. März 2027, 09:00–16:00 Uhr MEZ (Europe/Berlin)');
    expect(message.Text).toContain('Wo: Studio 2, Berlin');
    expect(message.Text).toContain('Online teilnehmen: https://meet.example/pottery');
    expect(message.Text).toContain('Bezahlt: 129,00\u00a0€');
    expect(message.Text).toContain(`Ihre Buchungen: ${returnUrl}`);
    expect(message.HTML).toContain('<html lang="de">');
    expect(message.HTML).toContain('color-scheme');

    // The calendar file parses, and its event is the session, in Berlin time.
    const ICAL = (await import('ical.js')).default;
    const attachment = message.Attachments.find((a) => a.FileName === 'booking.ics')!;
    expect(attachment.ContentType).toBe('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(await mail.part(message.ID, attachment.PartID)));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const [event] = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(event!.startDate.toJSDate().toISOString()).toBe('2027-03-14T08:00:00.000Z');
    expect(event!.location).toBe('Studio 2, Berlin');

    // The same payment told again (a redelivered webhook, a sync, another run): no second email.
    const completed = (await h.sentEvents()).find(
      (e) => e.type === 'checkout.session.completed' && e.object.id === booked.sessionId,
    );
    await h.operator(`/events/${completed!.id}/resend`);
    await h.api(`/api/bookings/${booked.id}/sync`, { token: student.token, method: 'POST' });
    await messenger.runOnce();
    await h.messenger().runOnce();
    expect(await mail.to(student.email!)).toHaveLength(1);
  });

  it('tells the operator of each new paid booking in one line', async () => {
    const student = someone();
    const booked = await bookDate(student.token, 'fr');
    await h.payPage(booked.sessionId, 'pay');
    await h.waitForStatus(booked.id, 'paid');
    const lines = await mail.waitFor(operatorEmail, 1, () => h.messenger().runOnce());
    const line = await mail.read(lines.at(-1)!.ID);
    expect(line.Subject).toBe('New booking: Pottery Weekend (€129.00)');
    // The student's own is in French.
    const [own] = await mail.waitFor(student.email!, 1);
    expect(own!.Subject).toBe('Réservation confirmée : Pottery Weekend');
  });

  it('says a payment did not complete, with a Complete payment link back to the page', async () => {
    const student = someone();
    const booked = await bookDate(student.token, 'es');
    await h.payments.gateway.expireCheckout(booked.sessionId);
    await h.waitForStatus(booked.id, 'expired');
    const [summary] = await mail.waitFor(student.email!, 1, () => h.messenger().runOnce());
    const message = await mail.read(summary!.ID);
    expect(message.Subject).toBe('Tu pago de Pottery Weekend no se completó');
    expect(message.Text).toContain(`Completar el pago: ${returnUrl}`);
    expect(message.HTML).toContain(`href="${returnUrl.replace(/&/g, '&amp;')}"`);
    expect(message.Attachments).toEqual([]);
  });

  it('says what was refunded, with the amount', async () => {
    const student = someone();
    const booked = await bookDate(student.token, 'ja');
    await h.payPage(booked.sessionId, 'pay');
    await h.waitForStatus(booked.id, 'paid');
    await h.operator(`/sessions/${booked.sessionId}/refund`);
    await h.waitForStatus(booked.id, 'refunded');
    const messages = await mail.waitFor(student.email!, 2, () => h.messenger().runOnce());
    expect(messages.map((m) => m.Subject)).toEqual([
      'ご予約が確定しました：Pottery Weekend',
      '返金しました：Pottery Weekend',
    ]);
    expect((await mail.read(messages[1]!.ID)).Text).toContain('€129.00');
  });

  it('says what each partial refund sent back, once each, and the rest when it goes', async () => {
    const student = someone();
    const booked = await bookDate(student.token, 'en');
    await h.payPage(booked.sessionId, 'pay');
    await h.waitForStatus(booked.id, 'paid');
    const part = await h.admin(`/bookings/${booked.id}/refund`, { body: { amount: 2900, reason: 'Late start' } });
    expect(part.status).toBe(202);
    await h.webhooksSettled();
    // Delivered again, Stripe's event is the same refund: no second email.
    const event = (await h.sentEvents()).findLast((e) => e.type === 'charge.refunded')!;
    await h.operator(`/events/${event.id}/resend`);
    await h.admin(`/bookings/${booked.id}/refund`, { method: 'POST' });
    await h.waitForStatus(booked.id, 'refunded');
    const messages = await mail.waitFor(student.email!, 3, () => h.messenger().runOnce());
    expect(messages.map((m) => m.Subject)).toEqual([
      'Booking confirmed: Pottery Weekend',
      'Refunded: Pottery Weekend',
      'Refunded: Pottery Weekend',
    ]);
    expect((await mail.read(messages[1]!.ID)).Text).toContain('We refunded €29.00');
    expect((await mail.read(messages[2]!.ID)).Text).toContain('We refunded €100.00');
  });

  it('confirms with the course’s cancellation policy, and tells a student who cancelled in their words what goes back', async () => {
    const policy = { windows: [{ hoursBefore: 24, refundPercent: 50 }] };
    await h.catalog.put('kiln-open', {
      title: 'Kiln open day',
      description: '',
      price: 8000,
      currency: 'eur',
      active: true,
      cancellationPolicy: policy,
    });
    await h.putSession('kiln-open', 'later', { startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    const student = someone();
    const res = await h.api('/api/bookings/create', {
      token: student.token,
      body: { courseId: 'kiln-open', sessionId: 'later', returnUrl, mode: 'redirect', locale: 'en' },
    });
    await h.payPage(res.body.booking.stripeSessionId, 'pay');
    await h.waitForStatus(res.body.booking.id, 'paid');
    const cancelled = await h.api(`/api/bookings/${res.body.booking.id}/cancel`, {
      token: student.token,
      method: 'POST',
    });
    expect(cancelled.status).toBe(200);
    const messages = await mail.waitFor(student.email!, 2, () => h.messenger().runOnce());
    expect(messages.map((m) => m.Subject)).toEqual(['Booking confirmed: Kiln open day', 'Cancelled: Kiln open day']);
    // The confirmation said the policy it was booked under, in text and in HTML.
    const confirmation = await mail.read(messages[0]!.ID);
    expect(confirmation.Text).toContain('50% refund if cancelled up to 1 day before the start.');
    expect(confirmation.HTML).toContain('50% refund if cancelled up to 1 day before the start.');
    const text = (await mail.read(messages[1]!.ID)).Text;
    expect(text).toContain('Your booking of Kiln open day is cancelled, as you asked. €40.00 goes back to you.');
    expect(text).not.toContain('organiser');
  });

  it('confirms a free booking as free', async () => {
    const student = someone();
    const res = await h.api('/api/bookings/create', {
      token: student.token,
      body: { courseId: 'free-walk', returnUrl, mode: 'redirect', locale: 'en' },
    });
    expect(res.body.booking.paymentStatus).toBe('paid');
    const [summary] = await mail.waitFor(student.email!, 1, () => h.messenger().runOnce());
    const message = await mail.read(summary!.ID);
    expect(message.Subject).toBe('Booking confirmed: Free walk');
    expect(message.Text).toContain('Paid: Free');
  });
});

describe('reminders', () => {
  it('reminds each student once before the session, across two instances, and none who booked after that moment', async () => {
    const startsAt = new Date(Date.now() + 30 * 3_600_000);
    await h.putSession('pottery', 'soon', { startsAt: startsAt.toISOString() });
    const early = someone();
    const booked = await bookDate(early.token, 'en', 'soon');
    await h.payPage(booked.sessionId, 'pay');
    await h.waitForStatus(booked.id, 'paid');
    await mail.waitFor(early.email!, 1, () => h.messenger().runOnce());

    // 23 hours before the start (the course's default: 24): two instances at once.
    const reminderTime = () => new Date(startsAt.getTime() - 23 * 3_600_000);
    const late = someone();
    const lateBooking = await bookDate(late.token, 'en', 'soon');
    const [one, two] = [h.messenger({ now: reminderTime }), h.messenger({ now: reminderTime })];
    // Paid "after" the reminder's moment, on that clock: no reminder for them.
    await h.stores.bookings.transition({
      id: lateBooking.id,
      from: ['pending'],
      to: 'paid',
      entry: { status: 'paid', at: reminderTime(), eventId: `test_paid_${lateBooking.id}`, type: 'test.paid' },
    });
    await Promise.all([one.runOnce(), two.runOnce(), one.runOnce(), two.runOnce()]);
    const messages = await mail.waitFor(early.email!, 2, () => Promise.all([one.runOnce(), two.runOnce()]));
    expect(messages.map((m) => m.Subject)).toEqual(['Booking confirmed: Pottery Weekend', 'Reminder: Pottery Weekend']);
    const reminder = await mail.read(messages[1]!.ID);
    expect(reminder.Text).toMatch(/starts .*(GMT\+1|CET)/);
    expect(reminder.Attachments.map((a) => a.FileName)).toEqual(['booking.ics']);
    await Promise.all([one.runOnce(), two.runOnce()]);
    expect(await mail.to(early.email!)).toHaveLength(2);
    const lateMail = await mail.waitFor(late.email!, 1, () => one.runOnce());
    expect(lateMail.map((m) => m.Subject)).toEqual(['Booking confirmed: Pottery Weekend']);
  });
});

describe('when the mail server is down', () => {
  it('keeps the email, tries again with a growing wait, and sends it once the server is back', async () => {
    const catcher = await startMailpit();
    const smtpPort = catcher.smtpPort;
    const port = catcher.port;
    await catcher.stop();
    const messenger = h.messenger({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
    const student = someone();
    const booked = await bookDate(student.token, 'en');
    await h.payPage(booked.sessionId, 'pay');
    await h.waitForStatus(booked.id, 'paid');
    await messenger.runOnce();
    const waiting = await h.admin('/outbox?state=pending');
    const item = waiting.body.items.find((i: { to: string }) => i.to === student.email);
    expect(item).toMatchObject({ channel: 'mail', kind: 'confirmed', attempts: 1, lastError: expect.any(String) });
    await new Promise((r) => setTimeout(r, 250));
    await messenger.runOnce();
    const again = (await h.admin('/outbox?state=pending')).body.items.find((i: { id: string }) => i.id === item.id);
    expect(again.attempts).toBe(2);
    // The second wait is longer than the first.
    expect(Date.parse(again.nextAttemptAt) - Date.parse(item.nextAttemptAt)).toBeGreaterThan(200);

    const back = await startMailpit({ smtpPort, port });
    try {
      const arrived = await mailbox(back.apiUrl).waitFor(student.email!, 1, () => messenger.runOnce());
      expect(arrived).toHaveLength(1);
      const sent = (await h.admin('/outbox?state=sent')).body.items.find((i: { id: string }) => i.id === item.id);
      expect(sent).toMatchObject({ state: 'sent', attempts: 3 });
    } finally {
      await back.stop();
    }
  });
});

describe('beside a slow webhook endpoint', () => {
  it('sends an email while an endpoint holds its answer, even while requests keep the sender to one at a time', async () => {
    // An operator's endpoint that fails once at once, then holds every answer until the email has
    // arrived (at most 1.8 s, within the timeout): an email queued behind a webhook would arrive
    // only after that webhook's answer.
    let answered = 0;
    let calls = 0;
    let mailArrived = () => {};
    const mailed = new Promise<void>((resolve) => (mailArrived = resolve));
    const slow = createServer((req, res) => {
      req.resume().on('end', () => {
        calls += 1;
        if (calls === 1) return void res.writeHead(500).end();
        void Promise.race([mailed, new Promise((r) => setTimeout(r, 1_800))]).then(() => {
          answered += 1;
          res.writeHead(200).end();
        });
      });
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(slow.address() as { port: number }).port}/hooks`;
    const endpoint = await h.admin('/webhook-endpoints', { body: { url, events: ['booking.paid'] } });
    expect(endpoint.status).toBe(201);
    const load = { running: 1 }; // a request runs all along
    const messenger = h.messenger({ load });
    try {
      // A booking of a student without an address: its news is a webhook only, which fails once
      // and is due again first (retries wait 200 ms).
      await h.paidBooking(h.student().token);
      await messenger.runOnce();
      expect(calls).toBe(1);
      await new Promise((r) => setTimeout(r, 300));
      // Then a student with an address books: their email is due after the webhook's second try.
      const student = someone();
      await h.paidBooking(student.token);
      const run = messenger.runOnce();
      const arrived = await mail.waitFor(student.email!, 1);
      const answeredBeforeMail = answered;
      mailArrived();
      // The email is in the catcher before the endpoint answered any webhook of this run.
      expect(arrived).toHaveLength(1);
      expect(answeredBeforeMail).toBe(0);
      await run;
      expect(answered).toBe(2); // and both bookings' webhooks were answered, each once
      expect(calls).toBe(3);
    } finally {
      load.running = 0;
      await h.admin(`/webhook-endpoints/${endpoint.body.id}`, { method: 'DELETE' });
      await new Promise((r) => slow.close(r));
    }
  });
});
