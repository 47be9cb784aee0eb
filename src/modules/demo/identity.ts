import { encodeNik } from '../../domain/nik';
import { addYears, ageOn, dayNumber, isoFromDay } from './dates';
import type { FamilyMember } from './households';
import { birthPlace } from './names';
import type { Random } from './random';

/**
 * NIK and KK numbers for the demo registry, unique across the whole run.
 * NIK (DOMAIN.md): kecamatan of first issue + DDMMYY (day + 40 for women) + serial 0001…;
 * KK: issuing kecamatan + DDMMYY of the card's registration + serial. Serials are counted per
 * (kecamatan, date) prefix, which is what makes the numbers unique; small random gaps stand for
 * the people registered there who are not in this registry.
 */
export interface IdentityRegions {
  /** 6-digit codes of the kota's kecamatan. */
  kotaKecamatan: readonly string[];
  /** Kecamatan (6 digits) by kabupaten (4 digits) of the places people move to the kota from. */
  originKecamatan: ReadonlyMap<string, readonly string[]>;
}

export interface IssuedIdentity {
  nik: string;
  birthPlace: string;
  nikWarnings: string[];
}

/** Where adults whose NIK was issued outside the kota come from (weights), Sumatera Barat only. */
const ORIGIN_KABUPATEN: readonly (readonly [string, number])[] = [
  ['1306', 3], // Kabupaten Agam
  ['1305', 2.5], // Kabupaten Padang Pariaman
  ['1375', 2], // Kota Bukittinggi
  ['1301', 2], // Kabupaten Pesisir Selatan
  ['1377', 1.5], // Kota Pariaman
  ['1372', 1], // Kota Solok
  ['1376', 1], // Kota Payakumbuh
];

const ADULT_RELATIONSHIPS = new Set(['KEPALA_KELUARGA', 'ISTRI', 'SUAMI', 'ORANG_TUA', 'FAMILI_LAIN']);

/** Share of people whose NIK carries a birth date other than the recorded one (data-quality demo). */
const MISMATCH_SHARE = 0.005;
const EARLIEST_KK_DATE = '2010-01-01';

export class IdentityIssuer {
  private readonly nikSerials = new Map<string, number>();
  private readonly kkSerials = new Map<string, number>();
  private readonly origins: readonly (readonly [string, number])[];

  constructor(
    private readonly random: Random,
    private readonly regions: IdentityRegions,
    private readonly referenceDate: string,
  ) {
    this.origins = ORIGIN_KABUPATEN.filter(
      ([kabupaten]) => (regions.originKecamatan.get(kabupaten) ?? []).length,
    );
  }

  /**
   * A family card number. The card was (re)issued after its youngest member's birth, as Dukcapil
   * issues a new card when a child is added; a few families still carry a card from another
   * kecamatan of the kota.
   */
  kk(householdKecamatan: string, members: readonly FamilyMember[]): string {
    const head = members[0]!;
    const latestBirth = Math.max(...members.map((m) => dayNumber(m.birthDate)));
    const last = dayNumber(this.referenceDate) - 1;
    const from = Math.min(
      last,
      Math.max(dayNumber(EARLIEST_KK_DATE), dayNumber(addYears(head.birthDate, 19)), latestBirth),
    );
    const issued = isoFromDay(this.random.int(from, last));
    const kecamatan = this.random.chance(0.96)
      ? householdKecamatan
      : this.random.pick(this.regions.kotaKecamatan);
    const prefix = `${kecamatan}${issued.slice(8, 10)}${issued.slice(5, 7)}${issued.slice(2, 4)}`;
    return `${prefix}${String(this.nextSerial(this.kkSerials, prefix)).padStart(4, '0')}`;
  }

  /**
   * Most NIKs were issued in the household's kecamatan; adults more often elsewhere in the
   * kota or in the regency or town they came from (then usually born there too).
   */
  nik(member: FamilyMember, householdKecamatan: string): IssuedIdentity {
    const adult =
      ADULT_RELATIONSHIPS.has(member.relationship) && ageOn(member.birthDate, this.referenceDate) >= 17;
    let kecamatan = householdKecamatan;
    let originKabupaten: string | undefined;
    const roll = this.random.next();
    if (adult && roll < 0.1 && this.origins.length > 0) {
      originKabupaten = this.random.weighted(this.origins);
      kecamatan = this.random.pick(this.regions.originKecamatan.get(originKabupaten)!);
    } else if (roll < (adult ? 0.22 : 0.05)) {
      kecamatan = this.random.pick(this.regions.kotaKecamatan);
    }
    const mismatch = this.random.chance(MISMATCH_SHARE);
    const nikBirthDate = mismatch ? this.miskeyedDate(member.birthDate) : member.birthDate;
    const prefix = encodeNik({
      kecamatanCode: kecamatan,
      birthDate: nikBirthDate,
      sex: member.sex,
      serial: 1,
    }).slice(0, 12);
    const serial = this.nextSerial(this.nikSerials, prefix);
    return {
      nik: encodeNik({ kecamatanCode: kecamatan, birthDate: nikBirthDate, sex: member.sex, serial }),
      birthPlace: birthPlace(this.random, originKabupaten),
      nikWarnings: mismatch ? ['NIK_BIRTHDATE_MISMATCH'] : [],
    };
  }

  /** The kinds of slip that put a wrong birth date into a NIK: day and month swapped, or a near date. */
  private miskeyedDate(birthDate: string): string {
    const [year, month, day] = birthDate.split('-');
    if (Number(day) <= 12 && day !== month && this.random.chance(0.5)) {
      const swapped = `${year}-${day}-${month}`;
      if (dayNumber(swapped) < dayNumber(this.referenceDate)) return swapped;
    }
    const shift = this.random.int(1, 40) * (this.random.chance(0.5) ? 1 : -1);
    const shifted = dayNumber(birthDate) + shift;
    return isoFromDay(
      shifted < dayNumber(this.referenceDate) ? shifted : dayNumber(birthDate) - Math.abs(shift),
    );
  }

  private nextSerial(serials: Map<string, number>, prefix: string): number {
    const serial = (serials.get(prefix) ?? 0) + 1 + (this.random.chance(0.25) ? this.random.int(1, 3) : 0);
    if (serial > 9999) throw new Error(`demo registry: serials exhausted for ${prefix}`);
    serials.set(prefix, serial);
    return serial;
  }
}
