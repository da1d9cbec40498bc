import { Hono } from 'hono';
import { html } from 'hono/html';
import { pageStart } from '../src/http/html-page.js';

/** A message as the mail catcher's API lists it. */
interface Summary {
  ID: string;
  From: { Name: string; Address: string };
  To: Array<{ Address: string }>;
  Subject: string;
  Created: string;
  Attachments: number;
}

/** A message whole. */
interface Message extends Omit<Summary, 'Attachments'> {
  Date: string;
  Text: string;
  HTML: string;
  MessageID: string;
  Attachments: Array<{ PartID: string; FileName: string; ContentType: string; Size: number }>;
}

/** Nothing on these pages runs; an email's HTML is shown in a frame that can run nothing either. */
const inboxCsp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

const style = html`<style>
  body {
    font:
      16px/1.5 system-ui,
      sans-serif;
    max-width: 56rem;
    margin: 2rem auto;
    padding: 0 1rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.6rem;
    border-bottom: 1px solid #ddd;
    vertical-align: top;
  }
  iframe {
    width: 100%;
    height: 34rem;
    border: 1px solid #ccc;
    border-radius: 6px;
  }
  pre {
    white-space: pre-wrap;
    background: #f6f6f6;
    padding: 1rem;
    border-radius: 6px;
  }
</style>`;

/**
 * `/inbox`: every email the local backend sent, read from the mail catcher (Mailpit) over its HTTP
 * API: a list, and each message as its reader sees it (the HTML, the plain text, the attachments).
 * Development only, like the rest of the sandbox.
 */
export function inboxRoutes(mailApiUrl: string) {
  const app = new Hono();
  const api = async <T>(path: string) => {
    const res = await fetch(`${mailApiUrl}${path}`);
    if (!res.ok) throw new Error(`the mail catcher answered ${res.status}`);
    return (await res.json()) as T;
  };
  app.use('/inbox/*', async (c, next) => {
    await next();
    // A route's own policy (the email's frame) stands.
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', inboxCsp);
    c.header('Cache-Control', 'no-store');
  });

  app.get('/inbox', async (c) => {
    const { messages, total } = await api<{ messages: Summary[]; total: number }>('/api/v1/messages?limit=100');
    const rows = messages.map(
      (m) =>
        html`<tr>
          <td>
            <time datetime="${m.Created}">${new Date(m.Created).toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
          </td>
          <td>${m.To.map((t) => t.Address).join(', ')}</td>
          <td><a href="/inbox/${m.ID}">${m.Subject || '(no subject)'}</a>${m.Attachments ? ' 📎' : ''}</td>
        </tr>`,
    );
    return c.html(html`${pageStart('Inbox (development)')} ${style}
      </head>
      <body>
        <main>
          <h1>Inbox</h1>
          <p>
            Every email the local backend sent (${total}), caught by the development mail server: none left this
            machine. Newest first. <a href="/inbox">Refresh</a>
          </p>
          ${
            messages.length === 0
              ? html`<p>No email yet. Book and pay a course on the example site: its confirmation arrives here.</p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th scope="col">Sent</th>
                      <th scope="col">To</th>
                      <th scope="col">Subject</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rows}
                  </tbody>
                </table>`
          }
        </main>
      </body>
    </html>`);
  });

  app.get('/inbox/:id/html', async (c) => {
    const message = await api<Message>(`/api/v1/message/${encodeURIComponent(c.req.param('id'))}`);
    // The email's own document, in a frame that runs nothing and reaches nothing.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
    return c.html(message.HTML || '<p>(no HTML part)</p>');
  });

  app.get('/inbox/:id/part/:part', async (c) => {
    const path = `/api/v1/message/${encodeURIComponent(c.req.param('id'))}/part/${encodeURIComponent(c.req.param('part'))}`;
    const res = await fetch(`${mailApiUrl}${path}`);
    return new Response(res.body, {
      status: res.status,
      headers: {
        'content-type': res.headers.get('content-type') ?? 'application/octet-stream',
        'content-disposition': 'attachment',
      },
    });
  });

  app.get('/inbox/:id', async (c) => {
    const id = c.req.param('id');
    const m = await api<Message>(`/api/v1/message/${encodeURIComponent(id)}`);
    return c.html(html`${pageStart(m.Subject)} ${style}
      </head>
      <body>
        <main>
          <p><a href="/inbox">← Inbox</a></p>
          <h1>${m.Subject}</h1>
          <table>
            <tr><th scope="row">From</th><td>${m.From.Name} &lt;${m.From.Address}&gt;</td></tr>
            <tr><th scope="row">To</th><td>${m.To.map((t) => t.Address).join(', ')}</td></tr>
            <tr><th scope="row">Date</th><td>${m.Date}</td></tr>
            <tr><th scope="row">Message-ID</th><td><code>${m.MessageID}</code></td></tr>
            ${
              m.Attachments.length
                ? html`<tr>
                    <th scope="row">Attachments</th>
                    <td>
                      ${m.Attachments.map(
                        (a) =>
                          html`<a href="/inbox/${id}/part/${a.PartID}" download="${a.FileName}">${a.FileName}</a> `,
                      )}
                    </td>
                  </tr>`
                : ''
            }
          </table>
          <h2>As HTML</h2>
          <iframe title="The email as HTML" sandbox src="/inbox/${id}/html"></iframe>
          <h2>As plain text</h2>
          <pre>${m.Text}</pre>
        </main>
      </body>
    </html>`);
  });
  return app;
}
