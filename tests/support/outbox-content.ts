import type { Deps } from '../../services/deps';
import { openEmailSecrets } from '../../services/notify/outbox-secrets';

export interface OpenedOutboxEmail {
  id: string;
  recipient: string;
  kind: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
}

/**
 * Outbox emails as the relay would send them: the sealed link tokens put back with the app key (the
 * database alone holds placeholders). `where` is an SQL condition on email_outbox, e.g. "kind = $1".
 */
export async function openedOutboxEmails(
  deps: Deps,
  where: string,
  params: unknown[] = [],
): Promise<OpenedOutboxEmail[]> {
  const { rows } = await deps.db.query<
    OpenedOutboxEmail & { dedupKey: string; sealedSecrets: Buffer | null }
  >(
    `select id::text, recipient, kind, subject, text_body as "textBody", html_body as "htmlBody", headers,
            dedup_key as "dedupKey", sealed_secrets as "sealedSecrets"
     from email_outbox where ${where} order by id desc`,
    params,
  );
  return rows.map((r) => openEmailSecrets<OpenedOutboxEmail>(deps.config.tokenEncryptionKeys, r));
}
