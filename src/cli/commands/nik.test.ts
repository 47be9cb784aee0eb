import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerNikCommand } from './nik';

/** Runs `salur nik …` in-process through commander, capturing stdout and the exit code. */
async function runNik(args: string[]): Promise<{ stdout: string; exitCode: number }> {
  const program = new Command('salur').exitOverride();
  registerNikCommand(program);
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['nik', ...args], { from: 'user' });
  } finally {
    write.mockRestore();
  }
  return { stdout, exitCode: Number(process.exitCode ?? 0) };
}

beforeEach(() => {
  process.exitCode = undefined;
});
afterEach(() => {
  process.exitCode = undefined;
});

describe('salur nik', () => {
  it('--json prints the decoded NIK of a woman born 1 July 1990 in Padang Selatan; exit code 0', async () => {
    const { stdout, exitCode } = await runNik(['1371014107900001', '--json']);
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        input: '1371014107900001',
        nik: '1371014107900001',
        valid: true,
        errors: [],
        warnings: [],
        birthDate: '1990-07-01',
        sex: 'P',
        kecamatan: { code: '13.71.01', name: 'Padang Selatan' },
      },
    ]);
  });

  it('--json reports each argument in order with its error codes; exit code 1 when any is invalid', async () => {
    const { stdout, exitCode } = await runNik([
      '1371010107900001',
      '1,37101E+15',
      '9999993102900000',
      '--json',
    ]);
    expect(exitCode).toBe(1);
    const checks = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(checks.map((check) => [check.valid, check.errors])).toEqual([
      [true, []],
      [false, ['NIK_NUMERIC_CELL']],
      [false, ['NIK_DATE', 'NIK_SERIAL', 'NIK_REGION_UNKNOWN']],
    ]);
    expect(checks[1]).toMatchObject({ nik: null, kecamatan: null, birthDate: null, sex: null });
    expect(checks[2]).toMatchObject({ nik: '9999993102900000', kecamatan: null, sex: 'L' });
  });

  it('first 6 digits that are no kecamatan of the region list (137100 under Kota Padang) are unknown', async () => {
    const { stdout } = await runNik(['1371004107900001', '--json']);
    expect(JSON.parse(stdout)[0]).toMatchObject({
      valid: false,
      errors: ['NIK_REGION_UNKNOWN'],
      kecamatan: null,
    });
  });

  it('prints a readable report: kecamatan with dots and name, Indonesian date, Perempuan', async () => {
    const { stdout, exitCode } = await runNik(['1371014107900001']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('1371014107900001: VALID');
    expect(stdout).toContain('13.71.01 Padang Selatan (Kota Padang, Sumatera Barat)');
    expect(stdout).toContain('1 Juli 1990');
    expect(stdout).toContain('Perempuan');
  });

  it('prints the reasons of an invalid NIK with codes and Bahasa Indonesia messages', async () => {
    const { stdout, exitCode } = await runNik(['1371013102900000', '1.37101E+15']);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('1371013102900000: TIDAK VALID');
    expect(stdout).toMatch(/NIK_DATE: Tanggal lahir dalam NIK/);
    expect(stdout).toMatch(/NIK_SERIAL: Nomor urut NIK/);
    expect(stdout).toContain('Laki-laki');
    expect(stdout).toContain('"1.37101E+15": TIDAK VALID');
    expect(stdout).toMatch(/NIK_NUMERIC_CELL: .*spreadsheet.*angka terakhirnya hilang/);
  });

  it('marks an unknown kecamatan code as such in the readable report', async () => {
    const { stdout } = await runNik(['9999994107900001']);
    expect(stdout).toContain('99.99.99 (tidak dikenal)');
  });
});
