import { html } from 'hono/html';

/**
 * The start of every page the backend and the sandbox serve: doctype, language, charset, viewport,
 * title. The head is left open for the page's own tags (styles, scripts, Open Graph); each page
 * closes it. (Prettier would close it here, as HTML it formats: hence the ignore.)
 */
export function pageStart(title: string, lang = 'en') {
  // prettier-ignore
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="icon" href="data:," />
<title>${title}</title>`;
}
