import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Paths redacted at the logger, so no token, secret or cookie reaches a log line whatever a caller
 * passes in. Strava tokens travel as access_token / refresh_token / Authorization.
 */
export const REDACT_PATHS = [
  'access_token',
  'refresh_token',
  '*.access_token',
  '*.refresh_token',
  '*.*.access_token',
  '*.*.refresh_token',
  'accessToken',
  'refreshToken',
  '*.accessToken',
  '*.refreshToken',
  'password',
  '*.password',
  'client_secret',
  '*.client_secret',
  'code',
  '*.code',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'config.headers.Authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kneadwise' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
