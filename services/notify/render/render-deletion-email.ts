import { compileHtml, compileText } from './handlebars-env';
import { assertHttpUrl, sanitizeHeaderText } from './sanitize';
import type { RenderedEmail } from './types';
import { nameView } from './view-model';

/**
 * The one e-mail an athlete gets when Strava no longer lets Kneadwise read their data (they revoked it,
 * or Strava refuses our token): their Strava data is gone and reconnecting starts clean (API Agreement:
 * confirm deletions in writing). No Strava data in it.
 */
interface DeletionView {
  subject: string;
  name: string;
  connectUrl: string;
}

const HTML = `{{> htmlOpen}}
<p>Hi {{name}},</p>
<p>Strava no longer allows Kneadwise to read your activities, so we have deleted everything we held from your Strava account: activities, streams, training load, strain, alerts and your Kneadwise athlete profile.</p>
<p>If you did not mean to disconnect, you can <a href="{{connectUrl}}">connect Strava again</a>; Kneadwise then starts from a clean slate and imports your recent history anew.</p>
{{> htmlClose}}`;

const TEXT = `Hi {{name}},

Strava no longer allows Kneadwise to read your activities, so we have deleted everything we held from your Strava account: activities, streams, training load, strain, alerts and your Kneadwise athlete profile.

If you did not mean to disconnect, you can connect Strava again: {{connectUrl}}
Kneadwise then starts from a clean slate and imports your recent history anew.
`;

const html = compileHtml<DeletionView>(HTML);
const text = compileText<DeletionView>(TEXT);

export function renderStravaDeletionEmail(input: {
  recipientName: string | null;
  connectUrl: string;
}): RenderedEmail {
  const view: DeletionView = {
    subject: sanitizeHeaderText('Your Strava data was deleted from Kneadwise'),
    name: nameView(input.recipientName),
    connectUrl: assertHttpUrl(input.connectUrl),
  };
  return { subject: view.subject, text: text(view), html: html(view) };
}
