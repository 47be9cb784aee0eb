import type { Command } from 'commander';
import { formatDateId } from '../../domain/format';
import { parseNik } from '../../domain/nik';
import { formatRegionCode } from '../../domain/region-code';
import { ValidationError } from '../../platform/errors';
import { CLI_ACTOR, runWithServices, withDatabaseOptions } from '../context';
import { printJson } from '../run';

/** `salur registry …`: the group, created once (other registry commands attach to it). */
export function registryGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'registry') ??
    program.command('registry').description('Registri keluarga')
  );
}

export function registerRegistryCommands(program: Command): void {
  withDatabaseOptions(registryGroup(program).command('show <nik>'))
    .description('Tampilkan data lengkap satu penduduk: data kini, riwayat perubahan, riwayat KK, tanda')
    .option('--json', 'cetak JSON')
    .action(async (nik: string, options: { json?: boolean; dataDir?: string; databaseUrl?: string }) => {
      const parsed = parseNik(nik, { kecamatanExists: () => true });
      if (!parsed.nik) throw new ValidationError('NIK_FORMAT', 'NIK harus tepat 16 angka.');
      const record = await runWithServices(options, (services) =>
        services.persons.getByNik({ ...CLI_ACTOR, regionCode: services.config.kabupatenCode }, parsed.nik!),
      );
      if (options.json) return printJson(record);
      const out = (line: string) => process.stdout.write(`${line}\n`);
      out(`${record.name} — NIK ${record.nik}`);
      out(
        `  Lahir        : ${record.birthPlace ?? '-'}, ${record.birthDate ? formatDateId(record.birthDate) : '-'} (${record.sex === 'P' ? 'Perempuan' : record.sex === 'L' ? 'Laki-laki' : '-'})`,
      );
      out(
        `  Status       : ${record.status}${record.absentSinceEdition ? ` — tidak ada di DTSEN sejak edisi ${record.absentSinceEdition}` : ''}`,
      );
      out(`  Wilayah      : ${formatRegionCode(record.regionCode)}`);
      if (record.household)
        out(
          `  Keluarga     : KK ${record.household.kk}, ${record.household.address ?? ''} RT ${record.household.rt ?? '-'}/RW ${record.household.rw ?? '-'} (${record.relationship ?? '-'})`,
        );
      for (const kk of record.kkHistory)
        out(
          `  KK sebelumnya: ${kk.kk} (sampai ${formatDateId(kk.validTo?.slice(0, 10) ?? kk.validFrom.slice(0, 10))})`,
        );
      if (record.nikWarnings.length) out(`  Peringatan   : ${record.nikWarnings.join(', ')}`);
      out('  Riwayat:');
      for (const h of record.history) {
        const source =
          h.source.kind === 'import'
            ? `impor #${h.source.importId} edisi ${h.source.edition}`
            : `oleh ${h.source.username ?? '-'}`;
        const fields = Object.entries((h.fields ?? {}) as Record<string, unknown>)
          .map(([field, value]) =>
            Array.isArray(value) ? `${field}: ${value[0] ?? '-'} → ${value[1] ?? '-'}` : `${field}: ${value}`,
          )
          .join('; ');
        out(`    ${h.at.slice(0, 10)} ${h.change} (${source})${fields ? ` ${fields}` : ''}`);
      }
    });
}
