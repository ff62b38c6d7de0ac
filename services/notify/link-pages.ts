/**
 * The small HTML pages behind email links: a confirmation form (GET never changes anything, because
 * mail scanners prefetch links) and a result page. Handlebars escapes every value.
 */
import Handlebars from 'handlebars';

export interface LinkPage {
  status: number;
  title: string;
  message: string;
  /** A POST form back to the same link; absent on result pages. */
  form?: { action: string; token: string; button: string; extra?: string };
  /** Where to go next (e.g. the setting that undoes what the link did). */
  link?: { href: string; text: string };
}

const hbs = Handlebars.create();
const PAGE = hbs.compile<LinkPage>(
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{{title}} · Kneadwise</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2933}
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:0;background:#1d4ed8;color:#fff;cursor:pointer}</style>
</head><body><main><h1>{{title}}</h1><p>{{message}}</p>
{{#if form}}<form method="post" action="{{form.action}}"><input type="hidden" name="t" value="{{form.token}}">
{{#if form.extra}}<p>{{form.extra}}</p>{{/if}}<button type="submit">{{form.button}}</button></form>{{/if}}
{{#if link}}<p><a href="{{link.href}}">{{link.text}}</a></p>{{/if}}
</main></body></html>`,
  { strict: false },
);

export function renderLinkPage(page: LinkPage): string {
  return PAGE(page);
}

/** The page for a link that failed verification; never says more than needed. */
export function invalidLinkPage(
  reason: 'malformed' | 'bad-signature' | 'expired' | 'used' | 'gone' | 'stale',
  what: string,
): LinkPage {
  switch (reason) {
    case 'expired':
      return {
        status: 410,
        title: 'This link has expired',
        message: `This ${what} link is too old. Use the link in a newer email, or change the setting on your dashboard.`,
      };
    case 'used':
      return {
        status: 409,
        title: 'This link was already used',
        message: `This ${what} link has already been used, so nothing was changed.`,
      };
    case 'gone':
      return {
        status: 410,
        title: 'Nothing to update',
        message: 'The activity this link refers to no longer exists (it was deleted on Strava or here).',
      };
    case 'stale':
      return {
        status: 410,
        title: 'This link is out of date',
        message:
          'You asked to use a different email address since this link was sent. Use the link in the newest email.',
      };
    case 'malformed':
    case 'bad-signature':
      return {
        status: 400,
        title: 'This link is not valid',
        message: `This ${what} link is incomplete or was changed. Copy the whole link from the email, or open it by clicking it.`,
      };
  }
}
