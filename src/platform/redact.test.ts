import { describe, expect, it } from 'vitest';
import { redactError, redactText } from './redact';

describe('log redaction', () => {
  it('masks every 16-digit number (NIK, KK) in a message', () => {
    expect(redactText('Key (nik)=(1371014107900001) already exists; kk 1371010101200001')).toBe(
      'Key (nik)=(1371********0001) already exists; kk 1371********0001',
    );
  });

  it('keeps the code and masks message, detail and stack of an error', () => {
    const error = Object.assign(new Error('duplicate 1371014107900001'), {
      code: '23505',
      detail: 'Key (nik)=(1371014107900001)',
    });
    const redacted = redactError(error);
    expect(redacted.code).toBe('23505');
    expect(JSON.stringify(redacted)).not.toContain('1371014107900001');
  });
});
