import { html } from 'hono/html';

/** The start of every page the backend and the sandbox serve: doctype, language, charset, viewport, title. */
export function pageStart(title: string, lang = 'en') {
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>${title}</title>
      </head>
    </html>`;
}
