import { chaosSizes } from '../../chaos/scenarios/sizes';
import { runSmtpOutage } from '../../chaos/scenarios/smtp-outage';

const size = chaosSizes('reduced');
jest.setTimeout(300_000);

describe('chaos (reduced): SMTP outage', () => {
  it(`when the SMTP server refuses connections for ${size.smtp.outageMs / 1000} s, then every alert email is delivered afterwards, exactly once`, async () => {
    const result = await runSmtpOutage(size.smtp);
    expect(result.messagesWhileDown).toBe(0);
    expect(result.failedWhileDown).toBeGreaterThan(0);
    expect(result.settled).toBe(true);
    expect(result.invariants.filter((r) => !r.pass)).toEqual([]);
  });
});
