import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Role = Schemas['Role'];
export type CurrentUser = Schemas['CurrentUser'];
export type Session = Schemas['SessionResponse'];

/** An error answered by the API (`{ error: { code, message, details, requestId } }`) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field problems of a VALIDATION_FAILED answer. */
  get issues(): { field: string; message: string }[] {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    return Array.isArray(issues) ? (issues as { field: string; message: string }[]) : [];
  }
}

// The session's CSRF token lives in memory only: it comes back with every /api/auth/me.
let csrfToken = '';
let unauthorizedHandler: ((code: string) => void) | undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** For the few requests made outside openapi-fetch (an upload with progress through XMLHttpRequest). */
export function getCsrfToken(): string {
  return csrfToken;
}

/** Called on any 401 (except the login attempt itself): the app returns to the login page. */
export function onUnauthorized(handler: (code: string) => void): void {
  unauthorizedHandler = handler;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/api/auth/login')) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { error?: { code?: string } } | null;
      unauthorizedHandler?.(body?.error?.code ?? 'UNAUTHENTICATED');
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(sessionMiddleware);

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Returns the answer's data or throws an ApiError carrying the server's code and its Bahasa
 * Indonesia message. Network failures become ApiError with code NETWORK.
 */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
  if (result.error !== undefined || !result.response.ok) {
    const body = (result.error ?? {}) as { error?: Partial<Schemas['ErrorResponse']['error']> };
    const error = body.error ?? {};
    throw new ApiError(
      result.response.status,
      error.code ?? `HTTP_${result.response.status}`,
      error.message ?? result.response.statusText,
      error.details,
      error.requestId,
    );
  }
  return result.data as T;
}
