import type { Command } from 'commander';
import { formatDateId } from '../../domain/format';
import { NIK_MESSAGES, type NikErrorCode, type NikWarningCode, parseNik, type Sex } from '../../domain/nik';
import { formatRegionCode } from '../../domain/region-code';
import { type ReferenceRegion, referenceRegionIndex } from '../../modules/regions/reference-data';
import { printJson } from '../run';

/** One checked argument, as `salur nik --json` prints it. */
export interface NikCheck {
  /** The argument as typed. */
  input: string;
  /** Canonical 16 digits, or null when the argument is not 16 digits. */
  nik: string | null;
  valid: boolean;
  errors: NikErrorCode[];
  warnings: NikWarningCode[];
  /** YYYY-MM-DD. */
  birthDate: string | null;
  sex: Sex | null;
  /** Known kecamatan decoded from digits 1–6; `code` with dots (`13.71.01`). */
  kecamatan: { code: string; name: string } | null;
}

/**
 * Checks NIKs against the rules of DOMAIN.md and the bundled Kemendagri region list; needs
 * no database. `regions` is injectable for tests; by default the reference list is read.
 */
export function checkNiks(inputs: string[], regions: Map<string, ReferenceRegion> = referenceRegionIndex()) {
  const kecamatanExists = (code6: string) => regions.get(code6)?.level === 'kecamatan';
  return inputs.map((input): NikCheck => {
    const result = parseNik(input, { kecamatanExists });
    const region = result.kecamatanCode ? regions.get(result.kecamatanCode) : undefined;
    return {
      input,
      nik: result.nik,
      valid: result.valid,
      errors: result.errors,
      warnings: result.warnings,
      birthDate: result.birthDate,
      sex: result.sex,
      kecamatan:
        region?.level === 'kecamatan' ? { code: formatRegionCode(region.code), name: region.name } : null,
    };
  });
}

const SEX_LABEL: Record<Sex, string> = { L: 'Laki-laki', P: 'Perempuan' };

/** Human-readable report (Bahasa Indonesia), one block per argument. */
export function renderNikChecks(checks: NikCheck[], regions: Map<string, ReferenceRegion>): string {
  const blocks = checks.map((check) => {
    const lines = [`${check.nik ?? JSON.stringify(check.input)}: ${check.valid ? 'VALID' : 'TIDAK VALID'}`];
    for (const code of check.errors) lines.push(`  ✗ ${code}: ${NIK_MESSAGES[code]}`);
    for (const code of check.warnings) lines.push(`  ! ${code}: ${NIK_MESSAGES[code]}`);
    if (check.nik) {
      lines.push(`  Kecamatan     : ${describeKecamatan(check.nik.slice(0, 6), regions)}`);
      lines.push(`  Tanggal lahir : ${check.birthDate ? formatDateId(check.birthDate) : '-'}`);
      lines.push(`  Jenis kelamin : ${check.sex ? SEX_LABEL[check.sex] : '-'}`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

/** `13.71.01 Padang Selatan (Kota Padang, Sumatera Barat)`, or the code marked unknown. */
function describeKecamatan(code6: string, regions: Map<string, ReferenceRegion>): string {
  const kecamatan = regions.get(code6);
  if (kecamatan?.level !== 'kecamatan') return `${formatRegionCode(code6)} (tidak dikenal)`;
  const kabupaten = regions.get(code6.slice(0, 4));
  const provinsi = regions.get(code6.slice(0, 2));
  const parents = [kabupaten?.name, provinsi?.name].filter((name) => name !== undefined);
  const suffix = parents.length > 0 ? ` (${parents.join(', ')})` : '';
  return `${formatRegionCode(code6)} ${kecamatan.name}${suffix}`;
}

/**
 * `salur nik <nik...> [--json]`: says whether each NIK is valid, why not, and what it
 * encodes. Exit code 1 when any is invalid. The NIKs go to stdout only — they are the
 * user's own input and the command's answer; nothing is logged (DOMAIN.md "Personal data").
 */
export function registerNikCommand(program: Command): void {
  program
    .command('nik')
    .description('Periksa NIK: valid atau tidak, alasannya, serta kecamatan, tanggal lahir dan jenis kelamin')
    .argument('<nik...>', 'satu atau lebih NIK (16 angka)')
    .option('--json', 'cetak hasil sebagai JSON')
    .action((niks: string[], options: { json?: boolean }) => {
      const regions = referenceRegionIndex();
      const checks = checkNiks(niks, regions);
      if (options.json) printJson(checks);
      else process.stdout.write(renderNikChecks(checks, regions));
      if (checks.some((check) => !check.valid)) process.exitCode = 1;
    });
}
