import path from 'node:path';
import { AppError, ValidationError } from '../../platform/errors';

/** Issue 3: photos and PDFs only, at most 5 MB each. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
/** At most this many files per proposal: bounds what one proposal can store. */
export const MAX_EVIDENCE_FILES = 10;

export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

const SIGNATURES: ReadonlyArray<{ type: EvidenceType; bytes: readonly number[] }> = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
];

/**
 * The file's type from its first bytes (magic numbers), never from its name or the
 * Content-Type the browser guessed from that name: an `.exe` renamed to `.pdf` is still refused.
 */
export function sniffEvidenceType(content: Uint8Array): EvidenceType | null {
  for (const signature of SIGNATURES) {
    if (content.length >= signature.bytes.length && signature.bytes.every((b, i) => content[i] === b)) {
      return signature.type;
    }
  }
  return null;
}

export class EvidenceTooLargeError extends AppError {
  constructor(size?: number) {
    super(
      'EVIDENCE_TOO_LARGE',
      'Berkas bukti terlalu besar: maksimal 5 MB. Perkecil foto atau pindai ulang dengan resolusi lebih rendah.',
      413,
      { maxBytes: MAX_EVIDENCE_BYTES, ...(size === undefined ? {} : { size }) },
    );
  }
}

export class EvidenceTypeError extends AppError {
  constructor() {
    super(
      'EVIDENCE_TYPE',
      'Berkas bukti harus berupa foto JPEG/PNG atau dokumen PDF. Isi berkas ini bukan salah satunya ' +
        '(jenis berkas diperiksa dari isinya, bukan dari namanya).',
      415,
      { allowed: EVIDENCE_TYPES },
    );
  }
}

/** Checks size and content; returns the type the bytes really are. */
export function checkEvidence(content: Uint8Array): EvidenceType {
  if (content.length > MAX_EVIDENCE_BYTES) throw new EvidenceTooLargeError(content.length);
  if (content.length === 0) throw new ValidationError('EVIDENCE_EMPTY', 'Berkas bukti kosong.');
  const type = sniffEvidenceType(content);
  if (!type) throw new EvidenceTypeError();
  return type;
}

/**
 * A display name safe to store and to send back in Content-Disposition: the base name only,
 * without control characters, at most 200 characters. The name is never trusted for the type.
 */
export function cleanFileName(input: string | undefined, type: EvidenceType): string {
  const base = path
    .basename((input ?? '').replaceAll('\\', '/'))
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200);
  if (base && base !== '.' && base !== '..') return base;
  return `bukti.${type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg'}`;
}
