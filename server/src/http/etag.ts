import { createHash } from 'node:crypto';

/** A strong ETag for a text: a quoted, shortened SHA-256 of it. */
export function strongEtag(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}
