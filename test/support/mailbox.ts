import { inject } from 'vitest';
import { poll } from './poll.js';

/** A message as the test mail catcher (Mailpit) keeps it. */
export interface CaughtMail {
  ID: string;
  MessageID: string;
  From: { Name: string; Address: string };
  To: Array<{ Name: string; Address: string }>;
  Subject: string;
  Text: string;
  HTML: string;
  Attachments: Array<{ PartID: string; FileName: string; ContentType: string }>;
}

/** The mail catcher every test run shares, read over its HTTP API; each test mails its own addresses. */
export function mailbox(apiUrl = inject('mailApiUrl')) {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${apiUrl}${path}`);
    if (!res.ok) throw new Error(`mailpit ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  /** Every message to an address (its summaries), oldest first. */
  async function to(address: string) {
    const query = encodeURIComponent(`to:"${address}"`);
    const found = await get<{ messages: Array<{ ID: string; MessageID: string; Subject: string }> }>(
      `/api/v1/search?query=${query}&limit=500`,
    );
    return found.messages.reverse();
  }
  return {
    to,
    /** One message whole: its text, HTML and attachments. */
    read: (id: string) => get<CaughtMail>(`/api/v1/message/${id}`),
    /** An attachment's content. */
    part: async (id: string, partId: string) => (await fetch(`${apiUrl}/api/v1/message/${id}/part/${partId}`)).text(),
    /** Waits until `count` messages reached the address (`drain` runs between looks: a messenger's run), and answers them. */
    async waitFor(address: string, count: number, drain?: () => Promise<unknown>, timeoutMs = 15_000) {
      return poll(
        async () => {
          await drain?.();
          const messages = await to(address);
          return messages.length >= count ? messages : undefined;
        },
        `${count} message(s) to ${address}`,
        { timeoutMs, intervalMs: 100 },
      );
    },
  };
}
