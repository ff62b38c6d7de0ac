import { openWithAad, parseKeyring, sealWithAad } from '../strava/token-crypto';

/**
 * Secrets at rest in the outbox (issue 15, ASVS 14.2.4): an email that carries a password-reset token or
 * a signed one-tap link (rating, unsubscribe, email confirmation) would let anyone with a database dump
 * act as its recipient. So the token part of each such link is replaced by a placeholder before the row
 * is written, and the tokens go to `email_outbox.sealed_secrets`, AES-256-GCM with the application key
 * (TOKEN_ENCRYPTION_KEY, rotation as for Strava tokens) bound to the row's dedup key. The relay puts them
 * back just before handing the message to SMTP. The rest of the email stays readable for operators.
 */

/** A link path that carries a secret, `=` as rendered in text or escaped by Handlebars, then the token. */
const SECRET_IN_LINK =
  /(\/email\/(?:rpe|unsubscribe|confirm)\?t|\/password-reset\/confirm#token)(=|&#x3D;)([A-Za-z0-9_.~%-]{16,})/g;
const PLACEHOLDER = /\[\[kw-sealed:(\d{1,4})\]\]/g;

export interface EmailContent {
  subject: string;
  textBody: string;
  htmlBody: string;
  headers?: Record<string, string>;
}

const aadFor = (dedupKey: string) => (keyId: string) => `kneadwise:outbox-secrets:v1:${keyId}:${dedupKey}`;

/** The content with every link token replaced by a placeholder, and the sealed tokens (null: none). */
export function sealEmailSecrets<T extends EmailContent>(
  keySpec: string,
  dedupKey: string,
  content: T,
): T & { sealedSecrets: Buffer | null } {
  const secrets: string[] = [];
  const seal = (text: string) =>
    text.replace(SECRET_IN_LINK, (_m, path: string, eq: string, token: string) => {
      let i = secrets.indexOf(token);
      if (i < 0) i = secrets.push(token) - 1;
      return `${path}${eq}[[kw-sealed:${i}]]`;
    });
  const sealed = {
    ...content,
    textBody: seal(content.textBody),
    htmlBody: seal(content.htmlBody),
    ...(content.headers
      ? { headers: Object.fromEntries(Object.entries(content.headers).map(([k, v]) => [k, seal(v)])) }
      : {}),
  };
  const sealedSecrets =
    secrets.length === 0
      ? null
      : sealWithAad(parseKeyring(keySpec), JSON.stringify(secrets), aadFor(dedupKey));
  return { ...sealed, sealedSecrets };
}

/** Puts the tokens back (send time). Throws TokenDecryptError when the row was tampered with or moved. */
export function openEmailSecrets<T extends EmailContent>(
  keySpec: string,
  email: T & { dedupKey: string; sealedSecrets: Buffer | null },
): T {
  if (!email.sealedSecrets) return email;
  const secrets = JSON.parse(
    openWithAad(parseKeyring(keySpec), email.sealedSecrets, aadFor(email.dedupKey)),
  ) as string[];
  const open = (text: string) => text.replace(PLACEHOLDER, (m, i: string) => secrets[Number(i)] ?? m);
  return {
    ...email,
    textBody: open(email.textBody),
    htmlBody: open(email.htmlBody),
    ...(email.headers
      ? { headers: Object.fromEntries(Object.entries(email.headers).map(([k, v]) => [k, open(v)])) }
      : {}),
  };
}
