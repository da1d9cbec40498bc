import { LitElement } from 'lit';
import { scriptOrigin } from '../api/client.js';
import type { TokenSource } from '../auth/auth-client.js';

/** What both elements share: the backend they talk to, their theme, and an optional token source. */
export class BackendElement extends LitElement {
  static override properties = {
    api: {},
    theme: { reflect: true },
    getToken: { attribute: false },
  };

  /** The backend origin; defaults to the origin the script was loaded from. */
  api = '';

  /** `light`, `dark` or `auto` (follows the system); unset, the element inherits the page's colours. */
  theme: 'light' | 'dark' | 'auto' | '' = '';

  /** Supplies tokens directly, for sites that run the operator's Clerk (no popup then). */
  getToken: TokenSource | undefined = undefined;

  /** @internal The backend to call: `api`, or where the script came from. */
  get apiBase(): string {
    return this.api || scriptOrigin;
  }
}
