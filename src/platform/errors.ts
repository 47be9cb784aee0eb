/**
 * Errors with stable English codes and Bahasa Indonesia messages. Domain and service code
 * throws these; the HTTP layer and the CLI render them. No HTTP types here: the CLI reuses them.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, 400, details);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Data', details?: unknown) {
    super('NOT_FOUND', `${what} tidak ditemukan.`, 404, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(code = 'UNAUTHENTICATED', message = 'Silakan masuk terlebih dahulu.') {
    super(code, message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'FORBIDDEN', message = 'Anda tidak berwenang melakukan tindakan ini.') {
    super(code, message, 403);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, 409, details);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message, 429, { retryAfterSeconds });
  }
}
