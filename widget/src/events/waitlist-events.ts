import type { Course, WaitlistEntry } from '../../../common/contract.js';
import { CbEvent, cbDetail } from './events.js';

/*
 * The waiting list's events: in a module of their own, loaded with the checkout code (they are
 * never fired before the price shows).
 */

/** Fired when the student joined a sold-out course's (or date's) waiting list; `entry` says their place. */
export class CbWaitlistJoinedEvent extends CbEvent {
  static readonly type = 'cb-waitlist-joined';
  constructor(
    readonly entry: WaitlistEntry,
    course: Course,
  ) {
    super(CbWaitlistJoinedEvent.type, cbDetail(course, entry.sessionId));
  }
}

/** Fired once when the element finds seats held for the student (a waiting list's offer, until `entry.offer.expiresAt`). */
export class CbOfferEvent extends CbEvent {
  static readonly type = 'cb-offer';
  constructor(
    readonly entry: WaitlistEntry,
    course: Course,
  ) {
    super(CbOfferEvent.type, cbDetail(course, entry.sessionId));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-waitlist-joined': CbWaitlistJoinedEvent;
    'cb-offer': CbOfferEvent;
  }
}
