import { readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml } from '../../escape-html';

export const PUBLIC_DIR = path.join(__dirname, '..', '..', 'public');

/** Page files are read once: they hold no data (the scripts fetch it), so they never change per request. */
const cache = new Map<string, string>();
export function pageHtml(name: string): string {
  let html = cache.get(name);
  if (html === undefined) {
    html = readFileSync(path.join(PUBLIC_DIR, `${name}.html`), 'utf8');
    cache.set(name, html);
  }
  return html;
}

/**
 * A plain page for errors a visitor can meet (unknown id, revoked consent, wrong role): status, a title
 * and one sentence, escaped; no stack trace, no script.
 */
export function errorPage(status: number, title: string, message: string, requestId?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Kneadwise</title><link rel="stylesheet" href="/assets/css/app.css"></head>
<body><header class="topbar"><a class="brand" href="/">Kneadwise</a></header>
<main class="narrow" id="main"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>
<p><a href="/">Go to your start page</a></p>
${requestId ? `<p class="muted small">Reference: ${escapeHtml(requestId)}</p>` : ''}
<p class="muted small">Error ${status}</p></main></body></html>`;
}
