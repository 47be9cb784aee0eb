/**
 * Writes a synthetic DTSEN person file (CSV, comma-separated, header row, one row per person)
 * from the demo registry generator: realistic Kota Padang households with valid NIKs, ≈4
 * people each. Streams batch by batch, so memory stays flat whatever the size; the same
 * persons and seed always give the same bytes. The last household is cut short when needed
 * to give exactly `persons` rows.
 *
 * Usage: npx tsx bench/support/dtsen-csv.ts <persons> <file> [seed]   (prints the result as JSON)
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { csvRow } from '../../src/db/copy-csv';
import { type DemoHousehold, generateDemoRegistry } from '../../src/modules/demo/generator';
import { readReferenceRegions } from '../../src/modules/regions/reference-data';

/** The 16 columns, spelled as DTSEN exports do (src/modules/registry/import/fields.ts). */
export const DTSEN_CSV_HEADERS = [
  'NO_KK',
  'NIK',
  'NAMA',
  'TGL_LAHIR',
  'TEMPAT_LAHIR',
  'JK',
  'HUB_KELUARGA',
  'KODE_DESA',
  'ALAMAT',
  'RT',
  'RW',
  'DESIL',
  'ID_DTSEN',
  'ID_DTKS',
  'NAMA_IBU_KANDUNG',
  'STATUS',
] as const;

export interface DtsenCsvResult {
  filePath: string;
  persons: number;
  households: number;
  fileBytes: number;
  seed: number;
}

/** `yyyy-mm-dd` → `dd/mm/yyyy`, as the files come. */
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function householdRows(h: DemoHousehold, take: number): string {
  let text = '';
  for (const p of h.members.slice(0, take)) {
    text += csvRow([
      h.kk,
      p.nik,
      p.name,
      dmy(p.birthDate),
      p.birthPlace,
      p.sex,
      p.relationship,
      h.regionCode,
      h.address,
      h.rt,
      h.rw,
      h.desil,
      p.idDtsen,
      null, // ID_DTKS: DTSEN files no longer carry it
      p.motherName,
      p.status,
    ]);
  }
  return text;
}

export async function writeDtsenCsv(options: {
  filePath: string;
  persons: number;
  seed?: number;
}): Promise<DtsenCsvResult> {
  const seed = options.seed ?? 1;
  const regions = readReferenceRegions();
  const partial = `${options.filePath}.partial`;
  const file = await fs.promises.open(partial, 'w');
  let persons = 0;
  let households = 0;
  try {
    await file.write(`${DTSEN_CSV_HEADERS.join(',')}\n`);
    // Every household has at least one member, so `persons` households are always enough.
    for (const batch of generateDemoRegistry({ seed, households: options.persons, regions })) {
      let text = '';
      for (const household of batch) {
        const take = Math.min(household.members.length, options.persons - persons);
        text += householdRows(household, take);
        persons += take;
        households++;
        if (persons === options.persons) break;
      }
      await file.write(text);
      if (persons === options.persons) break;
    }
  } finally {
    await file.close();
  }
  fs.renameSync(partial, options.filePath);
  return {
    filePath: options.filePath,
    persons,
    households,
    fileBytes: fs.statSync(options.filePath).size,
    seed,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [persons, filePath, seed] = process.argv.slice(2);
  if (!persons || !filePath) throw new Error('usage: dtsen-csv.ts <persons> <file> [seed]');
  const result = await writeDtsenCsv({ filePath, persons: Number(persons), seed: Number(seed ?? 1) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
