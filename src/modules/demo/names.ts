import type { Random } from './random';

/**
 * Names as they appear on Padang family cards. Most Minangkabau people have no family name:
 * one or two given names ("Yusrizal", "Rahmat Hidayat"); the suku (clan: Chaniago, Piliang,
 * Tanjung, Koto, Sikumbang, Jambak, Melayu, Guci) is inherited from the mother and almost
 * never written on the card. Some men add their father's name as a second word. Families of
 * Mandailing, Batak or Nias origin (a minority in Padang) do carry a marga. Fashions change
 * by generation, so names are chosen by birth year.
 */
export type Sex = 'L' | 'P';
type Era = 'old' | 'middle' | 'young' | 'child';

/** A comma-separated list of names, wrapped over lines for reading. */
function names(text: string): readonly string[] {
  return text.split(',').map((name) => name.replace(/\s+/g, ' ').trim());
}

const MALE: Record<Era, readonly string[]> = {
  old: names(`
    Syamsuddin, Bakhtiar, Zainuddin, Nasrul, Amiruddin, Syafruddin, Jamaluddin, Darwis, Marzuki, Rusli,
    Zulkifli, Anwar, Basri, Jusman, Kamaruddin, Syahrial, Djamaris, Asril, Nazaruddin, Yunus,
    Hasan Basri, Munir, Chairul, Idrus, Samsul Bahri
  `),
  middle: names(`
    Afrizal, Yusrizal, Syafrizal, Zulkarnain, Hendra, Rahmat Hidayat, Asrul, Erwin, Irwan, Jasman,
    Darmawan, Zulfahmi, Joni Iskandar, Yondri, Alfian, Novrizal, Efendi, Masrizal, Deswandi, Nofriadi,
    Hendri Yanto, Rudi Hartono, Budi Santoso, Syahrul, Edi Putra, Yulizar, Defri, Zulhendri, Arman,
    Heri Susanto
  `),
  young: names(`
    Rizki Pratama, Fadli, Ilham, Fikri Haikal, Andika Putra, Fajar Ramadhan, Reza Pahlevi, Rahmat Fauzi,
    Aldo, Rendi Saputra, Arif Rahman, Yoga Pratama, Dicky, Randa, Ikhsan, Muhammad Iqbal, Agung, Fauzan,
    Bima Saputra, Rafi, Hafiz, Ridho
  `),
  child: names(`
    Muhammad Al Fatih, Azzam, Arkan, Rayyan, Muhammad Fatih, Alif, Zidan, Fathan, Khalif,
    Muhammad Rizky, Daffa, Hafizh, Kenzo, Abdullah, Raffa, Umar, Zaki, Habibi, Aqil, Atharizz
  `),
};

const FEMALE: Record<Era, readonly string[]> = {
  old: names(`
    Nurhayati, Rosmaniar, Jamilah, Dahniar, Nurbaiti, Rosmani, Asmaniar, Zainab, Nurjanah, Syamsiar,
    Rukiah, Yusniar, Kartini, Siti Rohana, Hasnah, Nursiah, Djusmaniar, Fatimah, Maimunah, Rosna,
    Salmah, Nurlela, Aminah
  `),
  middle: names(`
    Yusnimar, Erlinda, Yulia Rahmi, Desi Ratnasari, Fitri Yani, Elvi, Yenni, Rina Marlina, Syafnida,
    Nilawati, Misnawati, Rahmawati, Siti Aisyah, Yusnelti, Lili Suryani, Nofrita, Zurniati, Ernawati,
    Yeni Fitria, Susi Susanti, Afrida, Desmawati, Nelly Marlina, Sri Wahyuni, Yuliarni, Mardiana
  `),
  young: names(`
    Putri Rahmadani, Dinda Permata, Rahmi Yulia, Sintia, Nadia Putri, Fadhilah, Annisa, Dewi Sartika,
    Mutia Sari, Rini Oktavia, Wulan Sari, Rizka Amelia, Cindy, Fitriani, Mega Silvia,
    Intan Permata Sari, Suci Ramadhani, Nurul Hidayah, Tiara, Yola Febriani
  `),
  child: names(`
    Aisyah Humaira, Khalisa, Nayla, Arsyila, Keysha, Zahra, Alesha, Nabila Putri, Syakira, Hafsah,
    Aqila, Azzahra, Salsabila, Kayla, Naura, Adiba, Shafa, Qanita, Hanifah, Almira
  `),
};

/** Marga of the minority families that carry a family name (Mandailing, Batak, Nias). */
const MARGA: readonly string[] = names(`
  Nasution, Lubis, Harahap, Siregar, Hasibuan, Simanjuntak, Sitompul, Pohan, Daulay, Rangkuti, Zebua,
  Telaumbanua, Gulo, Hulu
`);

function eraOf(birthYear: number): Era {
  if (birthYear < 1966) return 'old';
  if (birthYear < 1990) return 'middle';
  if (birthYear < 2010) return 'young';
  return 'child';
}

function listFor(sex: Sex, birthYear: number): readonly string[] {
  return (sex === 'L' ? MALE : FEMALE)[eraOf(birthYear)];
}

/** The first word of a name: what a son may carry as his second name ("Rizki Afrizal"). */
export function firstWord(name: string): string {
  return name.split(' ')[0]!;
}

export function pickMarga(random: Random): string {
  return random.pick(MARGA);
}

export interface NameOptions {
  sex: Sex;
  birthYear: number;
  /** The family's marga, for the few families that carry one. */
  marga?: string | undefined;
  /** Father's given name; a son sometimes carries it as his second name. */
  fatherName?: string | undefined;
}

export function personName(random: Random, options: NameOptions): string {
  const given = random.pick(listFor(options.sex, options.birthYear));
  if (options.marga) return `${firstWord(given)} ${options.marga}`;
  if (options.fatherName && options.sex === 'L' && !given.includes(' ') && random.chance(0.2)) {
    return `${given} ${firstWord(options.fatherName)}`;
  }
  // A few people are registered with a neighbouring generation's fashion.
  if (random.chance(0.08))
    return random.pick(listFor(options.sex, options.birthYear + random.pick([-25, 25])));
  return given;
}

/** A mother's name for someone born in `childBirthYear` whose mother is not in the household. */
export function motherName(random: Random, childBirthYear: number): string {
  return random.pick(listFor('P', childBirthYear - random.int(20, 38)));
}

/**
 * Birth place as written on the card ("tempat lahir"): mostly Padang, otherwise the towns people
 * move to Padang from; someone whose NIK was issued outside Padang was usually born there.
 */
export function birthPlace(random: Random, originKabupaten: string | undefined): string {
  if (originKabupaten && random.chance(0.85))
    return random.pick(PLACE_BY_KABUPATEN[originKabupaten] ?? ['Padang']);
  return random.weighted(BIRTH_PLACES);
}

const BIRTH_PLACES: readonly (readonly [string, number])[] = [
  ['Padang', 82],
  ['Bukittinggi', 3],
  ['Pariaman', 3],
  ['Solok', 2],
  ['Payakumbuh', 2],
  ['Painan', 2],
  ['Padang Panjang', 1],
  ['Lubuk Basung', 1],
  ['Medan', 1.5],
  ['Pekanbaru', 1],
  ['Jakarta', 1],
  ['Batusangkar', 0.5],
];

const PLACE_BY_KABUPATEN: Record<string, readonly string[]> = {
  '1301': ['Painan', 'Pesisir Selatan', 'Kambang'],
  '1305': ['Padang Pariaman', 'Lubuk Alung', 'Sicincin'],
  '1306': ['Agam', 'Lubuk Basung', 'Maninjau', 'Matur'],
  '1372': ['Solok'],
  '1375': ['Bukittinggi'],
  '1376': ['Payakumbuh'],
  '1377': ['Pariaman'],
};
