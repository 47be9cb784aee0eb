import { describe, expect, it } from 'vitest';
import { checkEvidence, cleanFileName, MAX_EVIDENCE_BYTES, sniffEvidenceType } from './evidence-file';
import { canDecideNow, nextStatus } from './states';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('evidence type comes from the bytes, not the name', () => {
  it('recognises JPEG, PNG and PDF by their magic numbers', () => {
    expect(sniffEvidenceType(bytes(0xff, 0xd8, 0xff, 0xe0, 0))).toBe('image/jpeg');
    expect(sniffEvidenceType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(sniffEvidenceType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses an executable, HTML, a truncated signature and an empty file', () => {
    expect(sniffEvidenceType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffEvidenceType(Buffer.from('<html><script>'))).toBeNull();
    expect(sniffEvidenceType(bytes(0x89, 0x50, 0x4e))).toBeNull();
    expect(() => checkEvidence(Buffer.from('MZ\x90\x00'))).toThrow(
      expect.objectContaining({ code: 'EVIDENCE_TYPE', status: 415 }),
    );
    expect(() => checkEvidence(new Uint8Array())).toThrow(
      expect.objectContaining({ code: 'EVIDENCE_EMPTY' }),
    );
  });

  it('refuses a file over 5 MB with 413 EVIDENCE_TOO_LARGE', () => {
    const big = Buffer.alloc(MAX_EVIDENCE_BYTES + 1);
    big.write('%PDF-');
    expect(() => checkEvidence(big)).toThrow(
      expect.objectContaining({ code: 'EVIDENCE_TOO_LARGE', status: 413 }),
    );
    expect(checkEvidence(big.subarray(0, MAX_EVIDENCE_BYTES))).toBe('application/pdf');
  });

  it('keeps only a safe base name', () => {
    expect(cleanFileName('C:\\Users\\op\\surat "kematian".pdf', 'application/pdf')).toBe(
      'surat kematian.pdf',
    );
    expect(cleanFileName('../../etc/passwd\u0000', 'image/png')).toBe('passwd');
    expect(cleanFileName('   ', 'image/jpeg')).toBe('bukti.jpg');
  });
});

describe('decision levels', () => {
  it('the kecamatan decides DIAJUKAN, Dinsos decides DISETUJUI_KECAMATAN; anything else is 409', () => {
    expect(nextStatus(1, 'DIAJUKAN', 'kecamatan', 'SETUJU')).toBe('DISETUJUI_KECAMATAN');
    expect(nextStatus(1, 'DISETUJUI_KECAMATAN', 'dinsos', 'SETUJU')).toBe('DISETUJUI_DINSOS');
    expect(nextStatus(1, 'DISETUJUI_KECAMATAN', 'dinsos', 'TOLAK')).toBe('DITOLAK');
    expect(() => nextStatus(7, 'DIKIRIM', 'dinsos', 'TOLAK')).toThrow(
      expect.objectContaining({ code: 'USULAN_STATE', status: 409 }),
    );
    expect(canDecideNow('operator_kelurahan', 'DIAJUKAN')).toBe(false);
    expect(canDecideNow('admin_dinsos', 'DIAJUKAN')).toBe(false);
  });
});
