/**
 * Prints the README's "What we store, from where, for how long" table from db/retention-policy.ts:
 * `npx tsx scripts/retention-docs.ts`. tests/unit/repo/retention-docs.test.ts keeps the two equal.
 */
import { retentionTableMarkdown } from '../db/retention-policy';

process.stdout.write(`${retentionTableMarkdown()}\n`);
