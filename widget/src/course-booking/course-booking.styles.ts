import { css } from 'lit';
import { themeStyles } from '../internal/theme.styles.js';

/** Styles of `<course-booking>`. Layout is fixed in `em` so loading and loaded take the same space. */
export const styles = [
  themeStyles,
  css`
    .card {
      position: relative;
      box-sizing: border-box;
      height: 100%;
      display: grid;
      grid-template-rows: 1.5em 1.75em 2.75em;
      gap: calc(var(--_space) / 2);
      padding: var(--_space);
      border: var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_text);
      font: inherit;
    }
    .details {
      grid-template-rows: 1.5em auto 1.75em 2.75em;
    }
    .dated {
      grid-template-rows: 1.5em 1.75em auto 2.75em;
    }
    .details.dated {
      grid-template-rows: 1.5em auto 1.75em auto 2.75em;
    }
    .description {
      margin: 0;
      font-size: 0.875em;
    }
    .dates {
      display: grid;
      gap: 0.35em;
      margin: 0;
      padding: 0;
      border: 0;
      font-size: 0.875em;
    }
    .dates label {
      display: flex;
      gap: 0.5em;
      align-items: baseline;
    }
    .dates input {
      accent-color: var(--_accent);
    }
    .dates input:focus-visible {
      outline: 3px solid var(--cb-focus, var(--_accent));
      outline-offset: 2px;
    }
    .more {
      justify-self: start;
      min-height: 0;
      padding: 0;
      background: none;
      color: inherit;
      text-decoration: underline;
    }
    .seats {
      font-size: 0.875em;
    }
    .title,
    .price,
    .message {
      margin: 0;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .title {
      font-weight: 600;
      line-height: 1.5em;
    }
    .price {
      font-size: 1.25em;
      line-height: 1.4em;
      font-variant-numeric: tabular-nums;
    }
    .skeleton {
      border-radius: 0.25em;
      background: color-mix(in srgb, currentColor 10%, transparent);
    }
    .skeleton.title {
      width: 60%;
    }
    .skeleton.price {
      width: 30%;
    }
    .error {
      grid-row: span 2;
      align-self: center;
      color: var(--cb-error, #b91c1c);
      white-space: normal;
    }
    .actions {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) / 2);
    }
    button,
    .button {
      box-sizing: border-box;
      display: inline-flex;
      align-items: center;
      text-decoration: none;
      font: inherit;
      min-height: 2.75em;
      padding: 0 1.25em;
      border: 0;
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--cb-accent-text, #fff);
      cursor: pointer;
    }
    button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.75;
    }
    .badge {
      padding: 0.25em 0.75em;
      border-radius: 999px;
      background: var(--cb-success-background, #dcfce7);
      color: var(--cb-success-text, #166534);
      font-weight: 600;
    }
    .sold-out {
      background: color-mix(in srgb, currentColor 12%, transparent);
      color: inherit;
    }
    .note {
      margin: 0;
      font-size: 0.875em;
      line-height: 1.3;
    }
    button:focus-visible,
    .button:focus-visible {
      outline: 3px solid var(--cb-focus, var(--_accent));
      outline-offset: 2px;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @media (prefers-reduced-motion: no-preference) {
      .skeleton {
        animation: pulse 1.5s ease-in-out infinite;
      }
    }
    @keyframes pulse {
      50% {
        opacity: 0.5;
      }
    }
  `,
];
