import { escapeHtml as esc } from '../../services/api/escape-html';

/** One message the mail catcher accepted. */
export interface CaughtMail {
  id: number;
  receivedAt: Date;
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  subject: string;
  text: string;
  /** The HTML part, or null for a text-only message. */
  html: string | null;
}

/**
 * The HTML part goes into a sandboxed iframe's srcdoc (escaped as an attribute): no scripts run and the
 * email cannot touch this page. `<base target="_blank">` opens its links (RPE, unsubscribe) in a new tab.
 */
function htmlFrame(html: string): string {
  const doc = `<base target="_blank">${html}`;
  return `<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${esc(doc)}" title="HTML part"></iframe>`;
}

function message(m: CaughtMail): string {
  const html = m.html ? htmlFrame(m.html) : '<p class="muted">No HTML part.</p>';
  return `<article id="m${m.id}" data-testid="message">
<h2>${esc(m.subject)}</h2>
<p class="meta">To <b>${esc(m.envelopeTo.join(', '))}</b> · from ${esc(m.from || m.envelopeFrom)} · ${esc(m.receivedAt.toISOString())}</p>
<details open><summary>HTML</summary>${html}</details>
<details><summary>Plain text</summary><pre>${esc(m.text)}</pre></details>
</article>`;
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:1rem;color:#222}
article{border:1px solid #ccd;border-radius:8px;padding:.5rem 1rem;margin:1rem 0}h2{font-size:1.1rem;margin:.4rem 0}
.meta,.muted{color:#667;font-size:.9rem}iframe{width:100%;height:480px;border:1px solid #eee;background:#fff}
pre{white-space:pre-wrap;background:#f6f7f9;padding:.75rem;border-radius:6px}`;

/** The mailbox page: every caught message, newest first. Everything from the messages is escaped. */
export function renderMailbox(messages: readonly CaughtMail[]): string {
  const body =
    messages.length === 0
      ? '<p class="muted" data-testid="empty">No emails yet. Alert emails appear here when an athlete’s numbers call for one; reload to check.</p>'
      : messages.map(message).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kneadwise demo mail (${messages.length})</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body>
<h1>Kneadwise demo mail catcher</h1>
<p class="muted">Every email Kneadwise sent during this demo run (kept in memory, never delivered anywhere). ${messages.length} message${messages.length === 1 ? '' : 's'}.</p>
${body}</body></html>`;
}
