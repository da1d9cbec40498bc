import { css } from 'lit';

/** What every console screen shares: type, tables, forms, buttons, status colours. */
export const consoleStyles = css`
  :host {
    display: block;
    --accent: #4f46e5;
    --muted: color-mix(in srgb, currentColor 60%, transparent);
    --line: color-mix(in srgb, currentColor 15%, transparent);
    --bad: #b91c1c;
    --warn: #92400e;
    --good: #047857;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --accent: #a5b4fc;
      --bad: #fca5a5;
      --warn: #fcd34d;
      --good: #6ee7b7;
    }
  }
  h1 {
    font-size: 1.4rem;
    margin: 0 0 1rem;
  }
  h1:focus {
    outline: none;
  }
  h2 {
    font-size: 1.1rem;
    margin: 1.5rem 0 0.5rem;
  }
  a {
    color: var(--accent);
  }
  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9rem;
  }
  caption {
    text-align: start;
    color: var(--muted);
    padding-bottom: 0.25rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.45rem 0.6rem;
    border-bottom: 1px solid var(--line);
    white-space: nowrap;
    vertical-align: top;
  }
  td.wrap {
    white-space: normal;
  }
  td.num,
  th.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  tr.alert td {
    background: color-mix(in srgb, var(--bad) 10%, transparent);
  }
  code {
    font-size: 0.85em;
    word-break: break-all;
  }
  form.filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: end;
    margin-bottom: 1rem;
  }
  label {
    display: grid;
    gap: 0.2rem;
    font-size: 0.85rem;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--line);
    border-radius: 0.35rem;
    background: Field;
    color: FieldText;
    min-width: 0;
  }
  textarea {
    min-height: 5rem;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--bad);
  }
  .field-error {
    color: var(--bad);
    font-size: 0.8rem;
  }
  button {
    font: inherit;
    padding: 0.45rem 0.9rem;
    border-radius: 0.35rem;
    border: 1px solid var(--accent);
    background: var(--accent);
    color: Canvas;
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--accent);
  }
  button.danger {
    border-color: var(--bad);
    background: var(--bad);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  :focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }
  .status {
    display: inline-block;
    padding: 0.05rem 0.45rem;
    border-radius: 1rem;
    font-size: 0.8rem;
    border: 1px solid currentColor;
  }
  .status.paid,
  .status.applied,
  .status.sent {
    color: var(--good);
  }
  /* Red is for what needs a look; an event ignored by design is routine. */
  .status.failed,
  .status.disputed,
  .status.retry,
  .status.attention {
    color: var(--bad);
  }
  .status.ignored:not(.attention),
  .status.unchanged,
  .status.cancelled {
    color: var(--muted);
  }
  .status.pending,
  .status.processing,
  .status.parked,
  .status.sending {
    color: var(--warn);
  }
  .note {
    color: var(--muted);
    font-size: 0.85rem;
  }
  .error {
    color: var(--bad);
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 0.75rem;
    margin-bottom: 1rem;
  }
  .card {
    border: 1px solid var(--line);
    border-radius: 0.5rem;
    padding: 0.6rem 0.8rem;
  }
  .card strong {
    display: block;
    font-size: 1.2rem;
  }
  /* A status pill in a card is as wide as its words. */
  .card strong.status {
    width: fit-content;
    font-size: 0.95rem;
  }
  /* The search takes a row of its own when it must, so its hint is read whole. */
  form.filters label.search {
    flex: 1 1 20rem;
  }
  form.filters label.search input {
    width: 100%;
    box-sizing: border-box;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(7rem, max-content) 1fr;
    gap: 0.35rem 1rem;
    margin: 0;
  }
  dt {
    color: var(--muted);
  }
  dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 1rem;
  }
  /* On a narrow screen a table of class stacking shows each row as a card, each cell under its
     column's name, instead of scrolling sideways. */
  @media (max-width: 40rem) {
    table.stacking thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    table.stacking,
    table.stacking tbody,
    table.stacking tr {
      display: block;
    }
    table.stacking tr {
      border: 1px solid var(--line);
      border-radius: 0.5rem;
      padding: 0.4rem 0.6rem;
      margin-bottom: 0.6rem;
    }
    table.stacking td {
      display: grid;
      grid-template-columns: 6rem 1fr;
      gap: 0.5rem;
      padding: 0.2rem 0;
      border: 0;
      white-space: normal;
      text-align: start;
      overflow-wrap: anywhere;
    }
    table.stacking td > * {
      justify-self: start;
    }
    table.stacking caption {
      display: block;
    }
    table.stacking td[data-label]::before {
      content: attr(data-label);
      color: var(--muted);
    }
  }
  /* A secret shown once breaks anywhere rather than widen the page. */
  output code {
    overflow-wrap: anywhere;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* A printed list is the list: no buttons, no links' underlines. */
  @media print {
    .actions,
    .no-print {
      display: none !important;
    }
    a {
      color: inherit;
      text-decoration: none;
    }
  }
`;
