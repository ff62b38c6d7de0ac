import { escapeHtml } from '../escape-html';

/**
 * The small standalone page a browser lands on when connecting Strava did not work (bad or stale OAuth
 * state, declined consent, an unticked activity permission, Strava down). It says what happened and
 * offers the one next step; API clients get the same code and message as JSON.
 */
export interface ConnectProblem {
  status: number;
  code: string;
  title: string;
  message: string;
  /** Offer "Connect with Strava" again (most problems are fixed by starting over). */
  retry: boolean;
}

export function renderConnectProblemPage(p: ConnectProblem, requestId: string): string {
  const retry = p.retry
    ? '<p><a class="button" href="/auth/strava">Connect with Strava again</a></p>'
    : '<p><a href="/">Back to Kneadwise</a></p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)} · Kneadwise</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2328; }
h1 { font-size: 1.4rem; }
.button { display: inline-block; background: #fc5200; color: #fff; padding: .6rem 1rem; border-radius: .3rem; text-decoration: none; font-weight: 600; }
.ref { color: #6e7781; font-size: .85rem; }
</style>
</head>
<body>
<h1>${escapeHtml(p.title)}</h1>
<p>${escapeHtml(p.message)}</p>
${retry}
<p class="ref">Reference: ${escapeHtml(p.code)} / ${escapeHtml(requestId)}</p>
</body>
</html>
`;
}

/** Every problem the callback can report, with wording for the athlete. */
export const CONNECT_PROBLEMS = {
  missing_state: {
    status: 400,
    title: 'This sign-in link is incomplete',
    message:
      'The link back from Strava is missing its security code, so Kneadwise did not use it. Start again from "Connect with Strava".',
  },
  no_oauth_in_progress: {
    status: 400,
    title: 'No Strava connection was started here',
    message:
      'This browser did not start a Strava connection (or its session ended), so Kneadwise did not use this link. Start again from "Connect with Strava" in this browser.',
  },
  state_reused: {
    status: 400,
    title: 'This sign-in link was already used',
    message:
      'Each link back from Strava works once. If you are not signed in yet, start again from "Connect with Strava".',
  },
  state_mismatch: {
    status: 400,
    title: 'This sign-in link does not belong to this browser',
    message:
      'The security code in the link does not match the one this browser was given, so Kneadwise did not use it. Start again from "Connect with Strava".',
  },
  state_expired: {
    status: 400,
    title: 'This sign-in link has expired',
    message: 'Links back from Strava are valid for 10 minutes. Start again from "Connect with Strava".',
  },
  access_denied: {
    status: 403,
    title: 'Strava was not connected',
    message:
      'You chose not to give Kneadwise access on Strava, so nothing was connected and nothing was stored. You can connect whenever you like.',
  },
  missing_code: {
    status: 400,
    title: 'Strava did not send an authorization code',
    message:
      'The link back from Strava has no authorization code, so there is nothing to connect. Start again from "Connect with Strava".',
  },
  code_rejected: {
    status: 400,
    title: 'Strava did not accept this sign-in',
    message:
      'Strava rejected the authorization code (it may have expired or already been used). Start again from "Connect with Strava".',
  },
  strava_unavailable: {
    status: 503,
    title: 'Strava is not answering',
    message:
      'Kneadwise could not reach Strava to finish connecting. Nothing was stored. Please try again in a minute.',
  },
} as const;

export type ConnectProblemCode = keyof typeof CONNECT_PROBLEMS;
