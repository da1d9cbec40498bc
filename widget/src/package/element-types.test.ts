import { expect } from '@open-wc/testing';
import { trackingKeys } from '../../../common/contract.js';
import { BookingDashboard, CourseBooking } from './elements.js';
import type { BookingDashboardAttributes, CourseBookingAttributes } from './element-types.js';

// The typings every framework gets (element-types.ts) name exactly the attributes the elements observe.
const observed = (element: unknown) => [...(element as { observedAttributes: string[] }).observedAttributes].sort();

describe('the elements’ published attributes', () => {
  it('are what <course-booking> observes (and the tracking attributes it reads when booking)', () => {
    const every: Record<keyof CourseBookingAttributes, true> = {
      ...{ api: true, theme: true, course: true, mode: true, 'return-url': true, details: true },
      ...{ 'seats-threshold': true, session: true, 'sessions-limit': true, policy: true },
      ...{ utm_source: true, utm_medium: true, utm_campaign: true, utm_term: true, utm_content: true, ref: true },
    };
    const tracking: readonly string[] = trackingKeys;
    expect(
      Object.keys(every)
        .filter((name) => !tracking.includes(name))
        .sort(),
    ).to.deep.equal(observed(CourseBooking));
    expect(Object.keys(every).filter((name) => tracking.includes(name))).to.have.members([...trackingKeys]);
  });

  it('are what <booking-dashboard> observes', () => {
    const every: Record<keyof BookingDashboardAttributes, true> = { api: true, theme: true, 'page-size': true };
    expect(Object.keys(every).sort()).to.deep.equal(observed(BookingDashboard));
  });
});
