import { html, nothing } from 'lit';
import type { DashboardMessages } from './dashboard-messages.js';

/** Where the student's erasure stands: asked (and being sent), done, or nothing yet. */
export interface Erasing {
  asking: boolean;
  sending: boolean;
  erased: boolean;
}

/**
 * The student's own data, under their bookings: what is kept, Download my data (a JSON file), and
 * Erase my data, asked first; what it did is said in a live region.
 */
export function renderMyData(
  erasing: Erasing,
  t: DashboardMessages,
  on: { download: () => void; ask: () => void; erase: () => void; keep: () => void },
) {
  return html`<section class="my-data" aria-labelledby="my-data">
    <h3 id="my-data">${t.yourData}</h3>
    <p class="meta">${t.dataKept}</p>
    <p class="data-actions">
      <button type="button" class="link" @click=${on.download}>${t.downloadData}</button>
      ${erasing.asking ? nothing : html`<button type="button" class="link erase-ask" @click=${on.ask}>${t.eraseData}</button>`}
    </p>
    ${
      erasing.asking
        ? html`<div role="group" aria-labelledby="erase-ask">
            <p id="erase-ask">${t.eraseAsk}</p>
            <button type="button" class="erase" ?disabled=${erasing.sending} @click=${on.erase}>${t.eraseYes}</button>
            <button type="button" class="link" ?disabled=${erasing.sending} @click=${on.keep}>${t.eraseKeep}</button>
          </div>`
        : nothing
    }
    <p role="status">${erasing.erased ? t.dataErased : nothing}</p>
  </section>`;
}
