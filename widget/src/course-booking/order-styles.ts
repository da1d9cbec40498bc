import { css, type CSSResult } from 'lit';
import { attendeeFieldStyles } from './attendee-form.js';

/*
 * The styles of what the flow chunk draws in the card: the seats stepper, the waiting list, the
 * dialog asking who is coming. Adopted into the element's shadow root through CSSOM, as Lit's own
 * styles are: a strict `style-src` (the console's, a host page's) allows that, not a `<style>`.
 */
const orderStyles: CSSResult = css`
  ${attendeeFieldStyles}
  /* The card's rows are fixed for the price's sake; the stepper's and the waiting list's grow as they wrap. */
  .card:has(> .quantity, > .waitlist) {
    grid-template-rows: none;
  }
  /* Joining a line is the second thing a card offers: outlined, beside the filled Book & Pay. */
  .waitlist .join {
    border: 2px solid var(--_accent);
    background: transparent;
    color: var(--_accent);
    text-align: start;
  }
  .quantity {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.375em;
    margin: 0.25em 0 0.75em;
  }
  .quantity input,
  .quantity button {
    box-sizing: border-box;
    min-height: 2.25em;
    font: inherit;
    border: var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
  }
  .quantity input {
    width: 3.5em;
    text-align: center;
  }
  .quantity button {
    justify-content: center;
    min-width: 2.25em;
    padding: 0;
  }
  .quantity :disabled {
    opacity: 0.5;
    cursor: default;
  }
  .quantity :focus-visible {
    outline: 3px solid var(--cb-focus, var(--_accent));
    outline-offset: 2px;
  }
  .quantity .total {
    margin-inline-start: 0.5em;
    font-weight: 600;
  }
  dialog.attendees {
    box-sizing: border-box;
    width: min(100vw - 2rem, 32rem);
    max-height: calc(100dvh - 2rem);
    padding: var(--_space);
    border: var(--_border);
    border-radius: var(--_radius);
    background: var(--cb-background, Canvas);
    color: var(--cb-text, CanvasText);
  }
  dialog.attendees::backdrop {
    background: rgb(17 24 39 / 0.6);
  }
  .attendees h2 {
    margin: 0 0 0.75em;
    font-size: 1.125em;
  }
  .attendees label {
    font-size: 0.875em;
  }
  .attendees :focus-visible {
    outline: 3px solid var(--cb-focus, var(--_accent));
    outline-offset: 2px;
  }
  .attendees .problem {
    color: var(--cb-error, #b91c1c);
    font-size: 0.875em;
  }
  .attendees .buttons {
    display: flex;
    gap: 0.5em;
    justify-content: flex-end;
  }
  .attendees .cancel {
    background: transparent;
    color: inherit;
    border: var(--_border);
  }
`;

/** Adds the order's styles to an element's root once (its own styles stay first). */
export function adoptOrderStyles(root: HTMLElement | DocumentFragment): void {
  const sheet = orderStyles.styleSheet;
  if (!sheet || !(root instanceof ShadowRoot) || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
