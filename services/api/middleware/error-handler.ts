import type { NextFunction, Request, Response } from 'express';
import { AppError, ERROR_CODES } from '../../errors';

interface HttpishError {
  type?: string;
  code?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/**
 * Maps errors to JSON responses: AppError codes to their statuses, body-parser failures to 400/413/415,
 * anything else to 500 with no internals leaked (the request id lets an operator find the log line).
 */
export function errorHandler() {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    const { status, code, message, details } = describe(err);
    if (status >= 500) req.log.error({ err }, 'unhandled error');
    res.status(status).json({ error: { code, message, ...(details ? { details } : {}), requestId: req.id } });
  };
}

function describe(err: unknown): { status: number; code: string; message: string; details?: unknown } {
  if (err instanceof AppError) {
    return { status: ERROR_CODES[err.code], code: err.code, message: err.message, details: err.details };
  }
  const e = err as HttpishError;
  const status = e.status ?? e.statusCode;
  if (e.type === 'entity.too.large')
    return { status: 413, code: 'payload_too_large', message: 'Request body too large' };
  if (e.type === 'entity.parse.failed')
    return { status: 400, code: 'bad_request', message: 'Malformed JSON body' };
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return { status: 415, code: 'unsupported_media_type', message: 'Unsupported body encoding' };
  }
  if (e.code === 'EBADCSRFTOKEN')
    return { status: 403, code: 'csrf_invalid', message: (err as Error).message };
  if (status && status >= 400 && status < 500 && e.expose !== false) {
    const code =
      status === 403
        ? 'forbidden'
        : status === 404
          ? 'not_found'
          : status === 429
            ? 'rate_limited'
            : 'bad_request';
    return { status, code, message: err instanceof Error ? err.message : 'Bad request' };
  }
  return { status: 500, code: 'internal', message: 'Internal error' };
}

export function notFoundHandler() {
  return (req: Request, res: Response): void => {
    res.status(404).json({
      error: { code: 'not_found', message: `No route for ${req.method} ${req.path}`, requestId: req.id },
    });
  };
}
