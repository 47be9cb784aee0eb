import type { RawConnection } from '../../db/raw-connection';
import {
  COPY_NULL,
  CopyTextIndex,
  copyOutText,
  grown,
  Interned,
  presizedCapacity,
  sameText,
} from '../../platform/files/copy-text-index';
import { DigitStringTable, digits, SixteenDigitColumn } from '../../platform/files/digit-string-table';

/**
 * The registry as the linking reader needs it (direct-import.ts): for each person, found by NIK,
 * their id, household, the village an allocation line of theirs is scoped to, the household's
 * KK and, for PKH, the household's entitlement (pkh_household). Loaded as COPY text and indexed
 * in typed arrays — a million people cost no row objects and nothing for the garbage collector
 * to walk — so a worker thread can receive the text and build the same index.
 */

/**
 * The lines the staged way's insert joins for (apply-sql.ts insertAllocations): person by NIK,
 * household by id, the entitlement by household when `pkh_household` exists.
 */
function keysSelect(withEntitlement: boolean): string {
  return `SELECT p.nik, p.id, p.household_id, coalesce(h.region_code, p.region_code), h.kk,
       ${withEntitlement ? 'e.expected' : 'NULL'}
     FROM person p LEFT JOIN household h ON h.id = p.household_id
     ${withEntitlement ? 'LEFT JOIN pkh_household e ON e.household_id = p.household_id' : ''}`;
}

/** The keys as text, for a reader in a worker thread (which builds RegistryKeys from it). */
export async function loadRegistryKeysText(raw: RawConnection, withEntitlement: boolean) {
  return copyOutText(raw, keysSelect(withEntitlement));
}

/** The keys indexed part by part while the server sends them, the index sized for `people`. */
export async function loadRegistryKeys(raw: RawConnection, withEntitlement: boolean, people: number) {
  const keys = new RegistryKeys(people);
  await raw.copyOut(keysSelect(withEntitlement), (part) => keys.add(part));
  return keys.finish();
}

export class RegistryKeys extends CopyTextIndex {
  private personIdOf: Float64Array;
  /** NaN: no household. */
  private householdIdOf: Float64Array;
  /** Index into `scopes`, −1: neither household nor person has a region. */
  private scopeOf: Int32Array;
  /** The household's KK; none: no household. */
  private readonly kkOf: SixteenDigitColumn;
  /** NaN: no entitlement. */
  private expectedOf: Float64Array;
  private readonly scopes = new Interned();
  private readonly byNik: DigitStringTable;

  constructor(expectedPeople = 1024) {
    super();
    const capacity = presizedCapacity(expectedPeople);
    this.personIdOf = new Float64Array(capacity);
    this.householdIdOf = new Float64Array(capacity);
    this.scopeOf = new Int32Array(capacity);
    this.kkOf = new SixteenDigitColumn(capacity);
    this.expectedOf = new Float64Array(capacity);
    this.byNik = new DigitStringTable(capacity);
  }

  /** The person (an index for the accessors below) holding the NIK, or NONE. */
  person(nik: string): number {
    return this.byNik.get(nik);
  }

  personId(person: number): number {
    return this.personIdOf[person]!;
  }

  /** The person's household id, NaN when they have none. */
  householdId(person: number): number {
    return this.householdIdOf[person]!;
  }

  /** The household's region, else the person's; null when neither has one. */
  scope(person: number): string | null {
    const at = this.scopeOf[person]!;
    return at < 0 ? null : this.scopes.values[at]!;
  }

  /** Whether the person has a household whose KK is not `kk` (16 digits). */
  householdKkDiffers(person: number, kk: string): boolean {
    return this.kkOf.has(person) && !this.kkOf.equals(person, kk);
  }

  /** The household's PKH entitlement, NaN when there is none. */
  expected(person: number): number {
    return this.expectedOf[person]!;
  }

  protected readonly addLine = (text: string, at: number, lineEnd: number): void => {
    const i = this.count++;
    if (i === this.personIdOf.length) this.grow();
    const nikEnd = text.indexOf('\t', at);
    // person.nik is unique (person_nik_idx): no NIK is put twice.
    this.byNik.put(text, at, nikEnd, i);
    const idEnd = text.indexOf('\t', nikEnd + 1);
    this.personIdOf[i] = digits(text, nikEnd + 1, idEnd);
    const householdEnd = text.indexOf('\t', idEnd + 1);
    this.householdIdOf[i] = sameText(text, idEnd + 1, householdEnd, COPY_NULL)
      ? Number.NaN
      : digits(text, idEnd + 1, householdEnd);
    const scopeEnd = text.indexOf('\t', householdEnd + 1);
    this.scopeOf[i] = sameText(text, householdEnd + 1, scopeEnd, COPY_NULL)
      ? -1
      : this.scopes.codeOf(text.slice(householdEnd + 1, scopeEnd));
    const kkEnd = text.indexOf('\t', scopeEnd + 1);
    // household.kk is 16 digits (its CHECK); no household: NULL.
    this.kkOf.set(i, text, scopeEnd + 1, sameText(text, scopeEnd + 1, kkEnd, COPY_NULL));
    this.expectedOf[i] = sameText(text, kkEnd + 1, lineEnd, COPY_NULL)
      ? Number.NaN
      : digits(text, kkEnd + 1, lineEnd);
  };

  private grow(): void {
    this.personIdOf = grown(this.personIdOf);
    this.householdIdOf = grown(this.householdIdOf);
    this.scopeOf = grown(this.scopeOf);
    this.kkOf.grow();
    this.expectedOf = grown(this.expectedOf);
  }
}
