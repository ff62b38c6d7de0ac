import { Pool } from 'pg';
import { TEMPLATE_DB, adminUrl } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const admin = new Pool({ connectionString: adminUrl(), max: 1 });
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  } finally {
    await admin.end();
  }
}
