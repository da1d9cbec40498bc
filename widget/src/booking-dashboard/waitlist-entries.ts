import { html, nothing } from 'lit';
import type { WaitlistEntry } from '../../../common/contract.js';
import { sessionWhen } from '../internal/session-time.js';
import type { DashboardMessages } from './dashboard-messages.js';
import { heldUntil } from '../internal/held-until.js';

/**
 * The student's places on waiting lists: the course (and date, in its zone), the place in line or
 * the seats held until when, and Leave.
 */
export function renderWaits(
  entries: WaitlistEntry[],
  t: DashboardMessages,
  lang: string | undefined,
  leave: (entry: WaitlistEntry) => void,
) {
  const open = entries.filter((e) => e.status === 'waiting' || e.status === 'offered');
  if (open.length === 0) return nothing;
  return html`<h3>${t.waitingLists}</h3>
    <ul class="waits">
      ${open.map(
        (e) =>
          html`<li>
            <span class="course">${e.courseTitle}</span>
            ${e.session ? html`<span class="when">${sessionWhen(e.session, lang)}</span>` : nothing}
            <span class="status"
              >${
                e.offer
                  ? t.offerHeld.replace('{until}', heldUntil(e.offer.expiresAt, lang))
                  : t.placeInLine.replace('{n}', String(e.position))
              }</span
            >
            <button type="button" class="link" aria-label="${t.leave}: ${e.courseTitle}" @click=${() => leave(e)}>
              ${t.leave}
            </button>
          </li>`,
      )}
    </ul>`;
}
