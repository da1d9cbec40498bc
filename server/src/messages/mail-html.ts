/** Escapes text for HTML (every value an email shows comes from a course, a session or the operator). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The widget's default accent, light and dark: the emails look like the button the student pressed. */
const accent = { light: '#4f46e5', dark: '#818cf8' };

/** What an email's HTML is made of; every text is escaped here. */
export interface MailLayout {
  language: string;
  title: string;
  paragraphs: string[];
  facts: Array<[label: string, value: string, href?: string]>;
  button: { label: string; href: string } | null;
  /** A paragraph after the facts (a confirmation's cancellation policy). */
  policy?: string | null;
  note: string | null;
  signOff: string;
}

/**
 * An email's HTML: readable without images (there are none) and without styles (plain elements in
 * reading order), light or dark as the reader's client is (colours declared for both), one column.
 */
export function mailHtml(layout: MailLayout): string {
  const paragraph = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  const facts = layout.facts
    .map(([label, value, href]) => {
      const shown = href
        ? `<a href="${escapeHtml(href)}" style="color:${accent.light}">${escapeHtml(value)}</a>`
        : escapeHtml(value);
      return `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:600">${escapeHtml(label)}</th><td style="padding:4px 0">${shown}</td></tr>`;
    })
    .join('');
  const button = layout.button
    ? `<p style="margin:24px 0"><a class="button" href="${escapeHtml(layout.button.href)}" style="display:inline-block;background:${accent.light};color:#ffffff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(layout.button.label)}</a></p>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(layout.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(layout.title)}</title>
<style>
@media (prefers-color-scheme: dark) {
  body, .card { background: #111827 !important; color: #f3f4f6 !important; }
  a { color: ${accent.dark} !important; }
  a.button { background: ${accent.dark} !important; color: #111827 !important; }
}
</style>
</head>
<body style="margin:0;padding:24px 12px;background:#f4f5f9;color:#111827;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">
<div class="card" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:24px;border-top:4px solid ${accent.light}">
${layout.paragraphs.map(paragraph).join('\n')}
${facts ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${facts}</table>` : ''}
${layout.policy ? paragraph(layout.policy) : ''}
${button}
${layout.note ? paragraph(layout.note) : ''}
${paragraph(layout.signOff)}
</div>
</body>
</html>
`;
}
