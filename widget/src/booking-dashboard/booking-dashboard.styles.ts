import { css } from 'lit';
import { themeStyles } from '../internal/theme.styles.js';
import { attendeeFieldStyles } from '../course-booking/attendee-form.js';

/** Styles of `<booking-dashboard>`, sharing the `--cb-*` tokens of `<course-booking>`. */
export const styles = [
  themeStyles,
  attendeeFieldStyles,
  css`
    .panel {
      padding: var(--_space);
      border: var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_text);
    }
    h2 {
      margin: 0 0 calc(var(--_space) / 2);
      font-size: 1.25em;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    /* Every row on one grid: course and amount, status and Details, date and (when there is one) the
       Complete payment button, so a row with a button keeps its columns in line with the others. */
    ul > li {
      display: grid;
      grid-template-columns: 1fr auto;
      grid-template-areas: 'title amount' 'badge details' 'meta action';
      align-items: center;
      gap: 0.25em 1em;
      padding: calc(var(--_space) / 2) 0;
      border-top: var(--_border);
    }
    li > .course {
      grid-area: title;
      display: grid;
      gap: 0.15em;
    }
    .when,
    .where {
      font-size: 0.875em;
    }
    .session-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 1em;
      font-size: 0.875em;
    }
    .session-actions a {
      color: inherit;
    }
    li > .amount {
      grid-area: amount;
      justify-self: end;
    }
    li > .badge {
      grid-area: badge;
    }
    li > .details {
      grid-area: details;
      justify-self: end;
    }
    li > .meta {
      grid-area: meta;
    }
    li > .pay {
      grid-area: action;
      justify-self: end;
    }
    .meta {
      font-size: 0.875em;
      opacity: 0.8;
    }
    .badge {
      justify-self: start;
      padding: 0.1em 0.6em;
      border-radius: 999px;
      font-size: 0.875em;
      font-weight: 600;
      background: color-mix(in srgb, currentColor 12%, transparent);
    }
    .badge.paid {
      background: var(--cb-success-background, #dcfce7);
      color: var(--cb-success-text, #166534);
    }
    .badge.failed,
    .badge.expired,
    .badge.disputed {
      background: #fee2e2;
      color: #991b1b;
    }
    .policy {
      font-size: 0.875em;
    }
    .move fieldset {
      border: 0;
      padding: 0;
      margin: calc(var(--_space) / 2) 0;
      display: grid;
      gap: 0.25em;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.25em 1em;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    code {
      font-size: 0.875em;
    }
    button {
      font: inherit;
      padding: 0.4em 1em;
      border: 0;
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--cb-accent-text, #fff);
      cursor: pointer;
    }
    button.link {
      padding: 0;
      background: none;
      color: inherit;
      text-decoration: underline;
    }
    button:focus-visible {
      outline: 3px solid var(--cb-focus, var(--_accent));
      outline-offset: 2px;
    }
    [role='alert'],
    .problem {
      color: var(--cb-error, #b91c1c);
    }
    .my-data {
      margin-top: var(--_space);
      padding-top: calc(var(--_space) / 2);
      border-top: var(--_border);
    }
    .my-data .data-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1.5em;
    }
    .my-data h3 {
      margin: 0;
      font-size: 1em;
    }
  `,
];
