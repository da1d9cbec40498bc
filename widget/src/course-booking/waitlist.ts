import { html, nothing } from 'lit';
import type { Course, WaitlistEntry } from '../../../common/contract.js';
import { joinWaitlist, listWaitlist } from '../api/bookings.js';
import { ApiError } from '../api/client.js';
import { authClientFor } from '../auth/auth-client.js';
import { CbOfferEvent, CbWaitlistJoinedEvent } from '../events/waitlist-events.js';
import { languageOf } from '../internal/money.js';
import { sessionDay } from '../internal/session-time.js';
import { returnAddress } from './return-flow.js';
import type { BookingHost } from './view.js';
import { heldUntil } from '../internal/held-until.js';

/*
 * The waiting list, where a course (or a date of it) is sold out: Join the waiting list (signed in,
 * for the seats the stepper says), then the student's place in line; once seats are freed and held
 * for them (an offer), until when, and the Book button books exactly those. Part of the flow chunk.
 */

/** A sold-out course, or each sold-out date of one: what a student may wait for. */
interface Full {
  sessionId?: string | undefined;
  /** The date, for a course on dates. */
  day?: string | undefined;
}

const open = (e: WaitlistEntry) => e.status === 'waiting' || e.status === 'offered';

/** Whether the page was opened from an offer's email (`?cb_offer=…`). */
const fromOffer = () => new URLSearchParams(location.search).has('cb_offer');

function fullOf(host: BookingHost, course: Course): Full[] {
  // Sold out, or held for the student (their offer made it bookable for them).
  const waiting = (sessionId?: string) => entryFor(host, course, sessionId) !== undefined;
  if (!course.sessions?.length) {
    return course.soldOut || host.view.state === 'sold-out' || waiting() ? [{}] : [];
  }
  const lang = languageOf(host);
  return course.sessions
    .filter((s) => s.soldOut || waiting(s.id))
    .map((s) => ({ sessionId: s.id, day: sessionDay(s.startsAt, s.timeZone, lang) }));
}

/** The student's open entry for the course (or one of its dates). */
function entryFor(host: BookingHost, course: Course, sessionId: string | undefined): WaitlistEntry | undefined {
  return host.waits?.find((e) => open(e) && e.courseId === course.id && e.sessionId === sessionId);
}

/** The waiting list's part of the card: nothing where every seat (or date) can still be booked. */
export function renderWaitlist(host: BookingHost, course: Course) {
  const full = fullOf(host, course);
  if (full.length === 0 || host.view.state === 'booked') return nothing;
  const lang = languageOf(host);
  const { t } = host;
  return html`<div part="waitlist" class="waitlist">
    ${full.map((pool) => {
      const entry = entryFor(host, course, pool.sessionId);
      if (entry?.offer) {
        return html`<p class="note" role="status">
          ${t.offerHeld.replace('{until}', heldUntil(entry.offer.expiresAt, lang))}
        </p>`;
      }
      if (entry)
        return html`<p class="note" role="status">${t.waitingPlace.replace('{n}', String(entry.position))}</p>`;
      const label = fromOffer()
        ? t.takeHeldSeat
        : pool.day
          ? t.joinWaitlistFor.replace('{date}', pool.day)
          : t.joinWaitlist;
      return html`<button
        type="button"
        class="join"
        ?disabled=${host.joining !== undefined}
        @click=${() => join(host, course, pool.sessionId)}
      >
        ${label}
      </button>`;
    })}
  </div>`;
}

/**
 * Join the waiting list: signs in if needed (the popup opens from the click), then joins. A student
 * already in line is shown their place; one whose seats are held is shown the offer.
 */
function join(host: BookingHost, course: Course, sessionId: string | undefined): void {
  const lang = languageOf(host);
  const auth = authClientFor(host.apiBase);
  const token = host.getToken ? host.getToken() : Promise.resolve(auth.current() ?? auth.signIn(lang, course.id));
  host.joining = sessionId ?? '';
  host.requestUpdate();
  void token
    .then(async (value) => {
      if (!value) return;
      try {
        const { entry } = await joinWaitlist(host.apiBase, value, {
          courseId: course.id,
          ...(sessionId ? { sessionId } : {}),
          // As many as the stepper says (bounded by the course's limit, not by the seats left: there are none).
          quantity: Math.min(host.quantity ?? 1, course.maxPerOrder ?? 1),
          returnUrl: returnAddress(),
          ...(lang ? { locale: lang } : {}),
        });
        remember(host, course, entry);
        host.dispatchEvent(new CbWaitlistJoinedEvent(entry, course));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const entry = error.body?.entry as WaitlistEntry | undefined;
        if (error.code === 'already_waiting' && entry) remember(host, course, entry);
        // Seats came free meanwhile: the course can be booked again.
        else if (error.code === 'not_sold_out') host.view = { state: 'ready', course: { ...course, soldOut: false } };
      }
    })
    .catch(() => undefined)
    .finally(() => {
      host.joining = undefined;
      host.requestUpdate();
    });
}

/** Keeps the student's entry; one holding an offer opens the way to book those seats. */
function remember(host: BookingHost, course: Course, entry: WaitlistEntry): void {
  host.waits = [...(host.waits ?? []).filter((e) => e.id !== entry.id), entry];
  if (entry.offer) offered(host, course, entry);
  host.requestUpdate();
}

/**
 * Seats are held for the student: the card is ready to book exactly those (the date and the
 * number), announced once with `cb-offer`.
 */
function offered(host: BookingHost, course: Course, entry: WaitlistEntry): void {
  if (entry.sessionId) host.chosen = entry.sessionId;
  host.quantity = entry.quantity;
  // The held seats are the student's to book: as many as were held, and no more.
  const held = { soldOut: false, seatsLeft: entry.quantity };
  const sessions = course.sessions?.map((s) => (s.id === entry.sessionId ? { ...s, ...held, bookable: true } : s));
  const bookable: Course = sessions ? { ...course, soldOut: false, sessions } : { ...course, ...held };
  if (host.view.state === 'ready' || host.view.state === 'sold-out') host.view = { state: 'ready', course: bookable };
  if (!announced.has(entry.id)) {
    announced.add(entry.id);
    host.dispatchEvent(new CbOfferEvent(entry, course));
  }
}

const announced = new Set<string>();

/**
 * A returning student's entries for a sold-out course (the page holds their token; never a
 * sign-in): their place, or the offer to take.
 */
export async function showWaits(host: BookingHost, course: Course): Promise<void> {
  if (fullOf(host, course).length === 0) return;
  const token = host.getToken ? await host.getToken().catch(() => undefined) : authClientFor(host.apiBase).current();
  if (!token) return;
  try {
    const { entries } = await listWaitlist(host.apiBase, token);
    const mine = entries.filter((e) => open(e) && e.courseId === course.id);
    if (mine.length === 0) return;
    host.waits = [...(host.waits ?? []), ...mine];
    for (const entry of mine) if (entry.offer) offered(host, course, entry);
    host.requestUpdate();
  } catch {
    // Not known now: the Join button stays, and joining says where they stand.
  }
}
