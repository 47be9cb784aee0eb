import type { Random } from './random';

/**
 * Where households live: how many per kelurahan, and addresses as written on Padang family
 * cards ("Jl. Sawahan Dalam No. 12", "Komplek Perumahan … Blok C No. 7"), RT and RW.
 */
export interface Kelurahan {
  code: string;
  name: string;
}

/**
 * Relative population of Kota Padang's kecamatan (rounded, in thousands; an approximation in
 * the spirit of BPS "Kota Padang Dalam Angka", not an official figure): Koto Tangah, Kuranji
 * and Lubuk Begalung are the largest, Bungus Teluk Kabung the smallest.
 */
const KECAMATAN_WEIGHT: Record<string, number> = {
  '137101': 62, // Padang Selatan
  '137102': 80, // Padang Timur
  '137103': 47, // Padang Barat
  '137104': 72, // Padang Utara
  '137105': 26, // Bungus Teluk Kabung
  '137106': 125, // Lubuk Begalung
  '137107': 57, // Lubuk Kilangan
  '137108': 72, // Pauh
  '137109': 150, // Kuranji
  '137110': 62, // Nanggalo
  '137111': 195, // Koto Tangah
};
const DEFAULT_KECAMATAN_WEIGHT = 70;

export class KelurahanPicker {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    random: Random,
    private readonly kelurahan: readonly Kelurahan[],
  ) {
    if (kelurahan.length === 0) throw new Error('demo registry: no kelurahan to place households in');
    const perKecamatan = new Map<string, number>();
    for (const k of kelurahan)
      perKecamatan.set(k.code.slice(0, 6), (perKecamatan.get(k.code.slice(0, 6)) ?? 0) + 1);
    let sum = 0;
    for (const k of kelurahan) {
      const kecamatan = k.code.slice(0, 6);
      const share = (KECAMATAN_WEIGHT[kecamatan] ?? DEFAULT_KECAMATAN_WEIGHT) / perKecamatan.get(kecamatan)!;
      // Kelurahan of one kecamatan differ in size too.
      sum += share * (0.5 + random.next());
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(random: Random): Kelurahan {
    const point = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid]! > point) high = mid;
      else low = mid + 1;
    }
    return this.kelurahan[low]!;
  }
}

const SMALL_STREETS = [
  'Masjid',
  'Surau',
  'Kampung Baru',
  'Pasar',
  'Mawar',
  'Melati',
  'Kenanga',
  'Anggrek',
  'Cempaka',
  'Sakura',
  'Teratai',
  'Delima',
  'Durian',
  'Rambutan',
  'Kelapa',
  'Pinang',
  'Cendana',
  'Merpati',
  'Rajawali',
  'Jambu',
  'Sepakat',
  'Bunga Tanjung',
  'Palapa',
  'Pemuda',
];
const STREET_SUFFIX = ['', ' Dalam', ' Raya', ' Ujung', ' I', ' II', ' III', ' Baru'];
const KOMPLEK = ['Permai', 'Indah', 'Asri', 'Lestari', 'Regency', 'Griya', 'Mas', 'Jaya'];
const BLOK = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K'];

export interface Address {
  address: string;
  rt: string;
  rw: string;
}

export function addressIn(random: Random, kelurahan: Kelurahan): Address {
  // "Lubuk Begalung Nan XX": the suffix names the nagari federation, not the street.
  const place = kelurahan.name.replace(/ Nan XX$/, '');
  const rw = random.int(1, 12);
  const rt = random.int(1, 6);
  const numbering = random.weighted([
    ['low', 6],
    ['high', 3],
    ['lettered', 1],
  ] as const);
  const number =
    numbering === 'low'
      ? String(random.int(1, 40))
      : numbering === 'high'
        ? String(random.int(41, 150))
        : `${random.int(1, 60)}${random.pick(['A', 'B', 'C'])}`;
  const kind = random.weighted([
    ['main', 50],
    ['small', 22],
    ['komplek', 20],
    ['kampung', 8],
  ] as const);
  let address: string;
  switch (kind) {
    case 'main':
      address = `Jl. ${place}${random.pick(STREET_SUFFIX)} No. ${number}`;
      break;
    case 'small':
      address = `${random.pick(['Jl.', 'Gg.', 'Lorong'])} ${random.pick(SMALL_STREETS)} No. ${number}`;
      break;
    case 'komplek':
      address = `Komplek Perumahan ${place} ${random.pick(KOMPLEK)} Blok ${random.pick(BLOK)} No. ${random.int(1, 30)}`;
      break;
    case 'kampung':
      address = `Kampung ${random.pick(['Tangah', 'Darek', 'Baru', 'Jambak', 'Koto'])}, ${place}`;
      break;
  }
  return { address, rt: String(rt).padStart(3, '0'), rw: String(rw).padStart(3, '0') };
}
