import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, TooManyRequestsError } from '../errors';
import { redactError } from '../redact';

/**
 * One error shape for the whole API: `{ error: { code, message, details, requestId } }`,
 * messages in Bahasa Indonesia. Unknown errors are logged and answered with a generic 500.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, code: string, message: string, details?: unknown) =>
      reply.status(status).send({ error: { code, message, details, requestId: request.id } });

    if (error instanceof AppError) {
      if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds));
      return send(error.status, error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        field: `${error.validationContext ?? ''}${v.instancePath}`.replaceAll('/', '.'),
        message: v.message,
      }));
      return send(400, 'VALIDATION_FAILED', 'Data yang dikirim tidak valid. Periksa isian yang ditandai.', {
        issues,
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: redactError(error) }, 'response did not match its schema');
      return send(500, 'INTERNAL', 'Terjadi galat pada server. Hubungi admin dengan kode permintaan ini.');
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'MALFORMED_JSON', 'Isi permintaan bukan JSON yang sah.');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'BODY_TOO_LARGE', 'Isi permintaan terlalu besar.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'UNSUPPORTED_MEDIA_TYPE', 'Jenis isi permintaan tidak didukung.');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(error.statusCode, 'BAD_REQUEST', 'Permintaan tidak dapat diproses.');
    }
    request.log.error({ err: redactError(error) }, 'unhandled error');
    return send(500, 'INTERNAL', 'Terjadi galat pada server. Hubungi admin dengan kode permintaan ini.');
  });
}
