import { ApiError } from '../../api/client';

export type UserField = 'username' | 'fullName' | 'role' | 'regionCode' | 'password';
export type FieldErrors = Partial<Record<UserField, string>>;

const FIELD_BY_CODE: Record<string, UserField> = {
  USERNAME_TAKEN: 'username',
  PASSWORD_TOO_SHORT: 'password',
  ROLE_REGION_MISMATCH: 'regionCode',
  REGION_UNKNOWN: 'regionCode',
  REGION_OUT_OF_SCOPE: 'regionCode',
  REGION_RETIRED: 'regionCode',
};

const FIELDS: readonly UserField[] = ['username', 'fullName', 'role', 'regionCode', 'password'];

/**
 * Puts a server refusal next to the field it is about (USERNAME_TAKEN under the username,
 * VALIDATION_FAILED issues under theirs). Returns null when it belongs to no field.
 */
export function fieldErrorsFrom(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError)) return null;
  const field = FIELD_BY_CODE[error.code];
  if (field) return { [field]: error.message };
  if (error.code !== 'VALIDATION_FAILED') return null;
  const found: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.field.split('.').pop() as UserField | undefined;
    if (name && FIELDS.includes(name)) found[name] = issue.message;
  }
  return Object.keys(found).length > 0 ? found : null;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,40}$/;
