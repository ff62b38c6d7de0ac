import { escapeHtml } from '../escape-html';
import { openApiPath } from './openapi';
import { needsCsrf, type RouteSpec } from './route-spec';
import { ROUTES } from './route-table';

function row(spec: RouteSpec): string {
  const takes = [spec.query ? 'query' : '', spec.body ? 'JSON body' : ''].filter(Boolean).join(', ');
  const notes = [needsCsrf(spec) ? 'CSRF token' : '', spec.rateLimit ? `rate limited ${spec.rateLimit}` : '']
    .filter(Boolean)
    .join('; ');
  return `<tr><td><code>${spec.method.toUpperCase()}</code></td><td><code>${escapeHtml(openApiPath(spec.path))}</code></td>
<td>${escapeHtml(spec.summary)}</td><td>${escapeHtml(spec.policy)}</td><td>${escapeHtml(takes)}</td><td>${escapeHtml(notes)}</td>
<td>${spec.answer.status}</td></tr>`;
}

/**
 * /api/docs: the route table as a plain page, for people. No script and nothing from a CDN (the CSP allows
 * only this origin); the schemas themselves are in /api/openapi.json, which any OpenAPI viewer opens.
 */
export function docsPageHtml(routes: readonly RouteSpec[] = ROUTES): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>HTTP API · Kneadwise</title><link rel="stylesheet" href="/assets/css/app.css"></head>
<body><main id="main"><h1>Kneadwise HTTP API</h1>
<p>Every route that answers, from the one route table. Schemas of queries and bodies:
<a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Figures are estimates, not diagnoses.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Who may call</th><th>Takes</th><th>Notes</th><th>Answers</th></tr></thead>
<tbody>
${routes.map(row).join('\n')}
</tbody></table></main></body></html>`;
}
