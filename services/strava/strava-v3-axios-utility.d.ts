// strava-v3 ships no types for its axios wrapper; we need its shared instance (to redirect every request,
// OAuth included, to STRAVA_BASE_URL) and its error classes (to normalise failures).
declare module 'strava-v3/axiosUtility' {
  import type { AxiosInstance } from 'axios';

  export const axiosInstance: AxiosInstance;

  export class StatusCodeError extends Error {
    statusCode: number;
    data: unknown;
    response?: { status: number; headers: Record<string, unknown> };
  }

  export class RequestError extends Error {}
}
