import { html, nothing } from 'lit';
import type { Course } from '../../../common/contract.js';
import { policySentence } from '../../../common/policy-sentence.js';

/** The course's cancellation policy in one sentence under the button (the `policy` attribute); nothing without one. */
export function renderPolicy(course: Course, lang: string | undefined) {
  const policy = course.cancellationPolicy;
  return policy
    ? html`<p part="policy" class="description">${policySentence(policy, lang, !!course.sessions)}</p>`
    : nothing;
}
