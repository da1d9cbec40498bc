import type { Booking, CancellationPolicy, PaymentStatus, Question, Tracking } from '../../common/contract.js';

/** An error the operator API answered, with the fields it names. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

const storageKey = 'cb-admin-token';

/** The signed-in operator, as the console keeps it for this tab. */
export interface ConsoleSession {
  token: string;
  expiresAt: string;
  userId: string;
  /** What the console calls the operator: their email, or the name given in development. */
  name?: string;
  development: boolean;
}

/** A course as the operator edits it. */
export interface AdminCourse {
  id: string;
  title: string;
  description: string;
  price: number;
  currency: string;
  active: boolean;
  capacity: number | null;
  /** How many seats one purchase may buy (1 to 20). */
  maxPerOrder: number;
  /** What each attendee is asked before checkout (up to five). */
  questions: Question[];
  /** Hours a waiting list's offer holds its seats (1 to 168). */
  waitlistOfferHours: number;
  allowPromotionCodes: boolean;
  /** Stripe creates an invoice for each payment; Checkout asks a business for its tax ID. */
  invoiceCreation: boolean;
  taxIdCollection: boolean;
  /** Hours before each dated session its reminder email goes out; 0: none. */
  reminderHours: number;
  /** When students may cancel or move themselves; absent or null: never. */
  cancellationPolicy?: CancellationPolicy | null;
  /** A picture for shared links, and the course's page on the operator's site; absent: none. */
  imageUrl?: string;
  pageUrl?: string;
  seatsLeft?: number;
  soldOut: boolean;
  unseated?: number;
}

/** A dated session of a course, as the operator edits it. */
export interface AdminSession {
  id: string;
  courseId: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  location: string | null;
  onlineUrl: string | null;
  capacity: number | null;
  bookingClosesAt: string;
  meetings: Array<{ startsAt: string; endsAt: string }>;
  cancelled: boolean;
  cancelledAt: string | null;
  cancelPending: boolean;
  seatsTaken: number;
}

/** One seat of a session: who sits there (if named) and their answers, and the booking's facts beside. */
export interface Attendee {
  bookingId: string;
  /** Which of the booking's seats (1 to its quantity). */
  seat: number;
  name: string | null;
  attendeeEmail: string | null;
  answers: Record<string, string | boolean>;
  quantity: number;
  paymentStatus: PaymentStatus;
  paidAt: string;
  userId: string;
  /** The buyer's address. */
  email: string | null;
  amountPaid: number;
  currency: string;
}

/** A booking row of the operator's list: the student's view, with who booked. */
export interface AdminBookingRow extends Booking {
  userId: string;
  email: string | null;
  /** Where the student came from (campaign parameters), if the page said. */
  tracking: Tracking | null;
}

/** One booking, as its page shows it. */
export interface AdminBooking extends Omit<AdminBookingRow, 'history'> {
  siteOrigin: string;
  attempt: number;
  history: Array<{
    status: PaymentStatus;
    at: string;
    eventId: string;
    type: string;
    amount?: number;
    move?: { from: string; to: string; by: string };
  }>;
  /** The operator's refunds of this attempt's payment, oldest first. */
  refunds: Array<{ id: string; amount: number; reason: string | null; at: string; by: string; byName?: string }>;
  refundRequest: { at: string; by: string; byName?: string; refundId: string } | null;
  stripeLinks: Record<string, string>;
}

/** The console's client of `/api/admin/*`, on the page's own origin, with the operator's token. */
export class AdminApi {
  /** Called when the API says the session is over (401): the console shows its sign-in again. */
  onSignedOut: () => void = () => undefined;

  constructor(readonly base = '') {}

  get session(): ConsoleSession | null {
    try {
      const stored = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as ConsoleSession | null;
      return stored && Date.parse(stored.expiresAt) > Date.now() ? stored : null;
    } catch {
      return null;
    }
  }

  /** Signs in with a Clerk session token, or (development) a name. */
  async signIn(proof: { clerkToken: string } | { devName: string }): Promise<ConsoleSession> {
    const session = await this.send<ConsoleSession>('/session', {
      method: 'POST',
      body: 'devName' in proof ? { devName: proof.devName } : {},
      // Only a Clerk session proves anyone here: a console token kept from before is not sent.
      bearer: 'clerkToken' in proof ? proof.clerkToken : null,
    });
    sessionStorage.setItem(storageKey, JSON.stringify(session));
    return session;
  }

  signOut(): void {
    sessionStorage.removeItem(storageKey);
    this.onSignedOut();
  }

  get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    return this.send<T>(`${path}${queryString(query)}`);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>(path, { method: 'PUT', body });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>(path, { method: 'POST', body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>(path, { method: 'PATCH', body });
  }

  /** Removes something; the backend answers 204 with no body. */
  async delete(path: string): Promise<void> {
    await this.send<undefined>(path, { method: 'DELETE' });
  }

  /** Everything a filter matches as CSV, fetched with the operator's token and saved as a file. */
  async download(path: string, query: Record<string, string | undefined>, filename: string): Promise<void> {
    const res = await fetch(`${this.base}/api/admin${path}${queryString(query)}`, {
      headers: { authorization: `Bearer ${this.session?.token ?? ''}`, accept: 'text/csv' },
    });
    if (!res.ok) throw await failure(res);
    const url = URL.createObjectURL(await res.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async send<T>(path: string, init: { method?: string; body?: unknown; bearer?: string | null } = {}) {
    const token = init.bearer === undefined ? this.session?.token : init.bearer;
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}/api/admin${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? null : JSON.stringify(init.body),
      });
    } catch {
      throw new AdminApiError(0, 'network_error', 'The backend could not be reached.');
    }
    if (res.status === 401 && path !== '/session') {
      sessionStorage.removeItem(storageKey);
      this.onSignedOut();
    }
    if (!res.ok) throw await failure(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }
}

async function failure(res: Response): Promise<AdminApiError> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; fields?: Record<string, string> };
  } | null;
  return new AdminApiError(
    res.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `The backend answered ${res.status}.`,
    body?.error?.fields,
  );
}

function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
