import type { Db } from '../../db/database';
import { parseRtRw, parseText } from '../../domain/cell-values';
import { readIdentifierText } from '../../domain/identifier-text';
import { KK_MESSAGES, parseKk } from '../../domain/kk';
import { NIK_MESSAGES, type NikWarningCode, parseNik } from '../../domain/nik';
import { isWithinRegion } from '../../domain/region-code';
import { type Actor, regionScope } from '../../platform/auth/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import type { RegionsService } from '../regions/service';
import type { UsulanRepository } from './repository';
import { CHANGE_FIELDS, type ChangeField, type CreateUsulanInput } from './schemas';
import type { UsulanKind } from './states';

/** What a new proposal row holds, checked and in canonical form. */
export interface ProposalDraft {
  kind: UsulanKind;
  regionCode: string;
  householdId: number | null;
  personId: number | null;
  nik: string | null;
  subjectName: string;
  payload: Record<string, unknown>;
  /** The new head's NIK, the family id or the person id: one pending proposal each. */
  subjectKey: string;
}

interface Context {
  db: Db;
  repo: UsulanRepository;
  regions: RegionsService;
  actor: Actor;
  today: Date;
}

type Input<K extends UsulanKind> = Extract<CreateUsulanInput, { kind: K }>;

const PERSON_COLUMN: Record<
  ChangeField,
  'name' | 'birth_date' | 'birth_place' | 'sex' | 'relationship' | 'mother_name'
> = {
  name: 'name',
  birthDate: 'birth_date',
  birthPlace: 'birth_place',
  sex: 'sex',
  relationship: 'relationship',
  motherName: 'mother_name',
};

export function draftProposal(ctx: Context, input: CreateUsulanInput): Promise<ProposalDraft> {
  switch (input.kind) {
    case 'TAMBAH_KELUARGA':
      return draftNewFamily(ctx, input);
    case 'UBAH_DATA':
      return draftChange(ctx, input);
    case 'HAPUS_ORANG':
      return draftPersonRemoval(ctx, input);
    case 'HAPUS_KELUARGA':
      return draftFamilyRemoval(ctx, input);
  }
}

/** A new family: a desa in the actor's scope, valid NIKs and KK, exactly one head not yet listed. */
async function draftNewFamily(ctx: Context, input: Input<'TAMBAH_KELUARGA'>): Promise<ProposalDraft> {
  const region = await ctx.regions.get(input.regionCode, ctx.db).catch((error) => {
    if (error instanceof NotFoundError) {
      throw new ValidationError('REGION_UNKNOWN', `Kode wilayah ${input.regionCode} tidak dikenal.`);
    }
    throw error;
  });
  if (region.level !== 'desa') {
    throw new ValidationError(
      'USULAN_REGION_LEVEL',
      'Usulan keluarga baru harus menyebut desa/kelurahan tempat tinggalnya.',
    );
  }
  if (region.retired)
    throw new ValidationError('REGION_RETIRED', `Wilayah ${region.name} sudah tidak berlaku.`);
  if (!isWithinRegion(region.code, regionScope(ctx.actor))) {
    throw new ValidationError(
      'REGION_OUT_OF_SCOPE',
      `Desa/kelurahan ${region.name} berada di luar wilayah Anda.`,
    );
  }

  const prefixes = [input.kk, ...input.members.map((m) => m.nik)].map((text) => text.trim().slice(0, 6));
  const known = await ctx.repo.knownKecamatan(ctx.db, [
    ...new Set(prefixes.filter((p) => /^\d{6}$/.test(p))),
  ]);
  const kecamatanExists = (code: string) => known.has(code);

  const kk = parseKk(input.kk, { kecamatanExists });
  if (!kk.valid || !kk.kk) {
    const code = kk.errors[0] ?? 'KK_FORMAT';
    throw new ValidationError(code, KK_MESSAGES[code], { field: 'kk', errors: kk.errors });
  }

  const seen = new Set<string>();
  const members = input.members.map((member, i) => {
    const parsed = parseNik(member.nik, {
      kecamatanExists,
      today: ctx.today,
      recordedBirthDate: member.birthDate,
      recordedSex: member.sex,
    });
    const field = `members.${i}.nik`;
    if (!parsed.valid || !parsed.nik) {
      const message = parsed.errors.map((code) => NIK_MESSAGES[code]).join(' ');
      throw new ValidationError(parsed.errors[0] ?? 'NIK_FORMAT', `Anggota ke-${i + 1}: ${message}`, {
        field,
        errors: parsed.errors,
      });
    }
    if (seen.has(parsed.nik)) {
      throw new ValidationError(
        'NIK_DUPLICATE',
        `Anggota ke-${i + 1}: NIK ini sudah disebut untuk anggota lain.`,
        {
          field,
        },
      );
    }
    seen.add(parsed.nik);
    return {
      nik: parsed.nik,
      name: parseText(member.name) ?? member.name,
      birthDate: member.birthDate,
      birthPlace: parseText(member.birthPlace),
      sex: member.sex,
      relationship: member.relationship,
      motherName: parseText(member.motherName),
      nikWarnings: parsed.warnings,
    };
  });
  const heads = members.filter((m) => m.relationship === 'KEPALA_KELUARGA');
  if (heads.length !== 1) {
    throw new ValidationError(
      'USULAN_HEAD_REQUIRED',
      `Keluarga baru harus mempunyai tepat satu kepala keluarga (KEPALA_KELUARGA); tercatat ${heads.length}.`,
    );
  }
  const head = heads[0]!;
  // A head already listed would make the proposal "done" at the next edition without any change.
  const listed = await ctx.repo.findPerson(ctx.db, { nik: head.nik });
  if (listed && listed.status === 'HIDUP' && listed.absent_since_edition === null) {
    throw new ConflictError(
      'USULAN_ALREADY_REGISTERED',
      'NIK kepala keluarga sudah tercatat aktif dalam DTSEN. Gunakan usulan UBAH_DATA bila datanya perlu diubah.',
    );
  }
  return {
    kind: 'TAMBAH_KELUARGA',
    regionCode: region.code,
    householdId: null,
    personId: null,
    nik: head.nik,
    subjectName: head.name,
    payload: {
      kk: kk.kk,
      address: parseText(input.address, 300),
      rt: parseRtRw(input.rt ?? null),
      rw: parseRtRw(input.rw ?? null),
      // The head first: the batch file and the lists read the family from its head.
      members: [head, ...members.filter((m) => m !== head)],
    },
    subjectKey: head.nik,
  };
}

async function draftChange(ctx: Context, input: Input<'UBAH_DATA'>): Promise<ProposalDraft> {
  const person = await activePerson(ctx, input);
  const changes: Partial<Record<ChangeField, string>> = {};
  const previous: Partial<Record<ChangeField, string | null>> = {};
  for (const field of CHANGE_FIELDS) {
    const raw = input.changes[field];
    if (raw === undefined) continue;
    const value = field === 'name' || field === 'birthPlace' || field === 'motherName' ? parseText(raw) : raw;
    if (value === null) continue;
    const current = person[PERSON_COLUMN[field]];
    if (current !== null && current.toUpperCase() === value.toUpperCase()) continue;
    changes[field] = value;
    previous[field] = current;
  }
  if (Object.keys(changes).length === 0) {
    throw new ValidationError(
      'USULAN_NO_CHANGE',
      'Tidak ada data yang berubah: isi minimal satu nilai baru yang berbeda.',
    );
  }
  // A NIK that disagrees with the new birth date or sex stays a warning (DOMAIN.md).
  const nikWarnings: NikWarningCode[] = parseNik(person.nik, {
    kecamatanExists: () => true,
    today: ctx.today,
    ...((changes.birthDate ?? person.birth_date)
      ? { recordedBirthDate: changes.birthDate ?? person.birth_date! }
      : {}),
    ...((changes.sex ?? person.sex) ? { recordedSex: (changes.sex ?? person.sex) as 'L' | 'P' } : {}),
  }).warnings;
  return {
    kind: 'UBAH_DATA',
    regionCode: person.region_code,
    householdId: person.household_id,
    personId: person.id,
    nik: person.nik,
    subjectName: person.name,
    payload: { changes, previous, nikWarnings },
    subjectKey: String(person.id),
  };
}

async function draftPersonRemoval(ctx: Context, input: Input<'HAPUS_ORANG'>): Promise<ProposalDraft> {
  const person = await activePerson(ctx, input);
  checkEventDate(input.eventDate, ctx.today);
  return {
    kind: 'HAPUS_ORANG',
    regionCode: person.region_code,
    householdId: person.household_id,
    personId: person.id,
    nik: person.nik,
    subjectName: person.name,
    payload: { cause: input.cause, eventDate: input.eventDate ?? null },
    subjectKey: String(person.id),
  };
}

async function draftFamilyRemoval(ctx: Context, input: Input<'HAPUS_KELUARGA'>): Promise<ProposalDraft> {
  const household = await ctx.repo.findHousehold(ctx.db, input.householdId);
  if (!household || !isWithinRegion(household.region_code, regionScope(ctx.actor)))
    throw new NotFoundError('Keluarga');
  if (Number(household.active_members ?? 0) === 0) {
    throw new ConflictError(
      'USULAN_NOT_APPLICABLE',
      'Keluarga ini sudah tidak mempunyai anggota yang tercatat aktif.',
    );
  }
  checkEventDate(input.eventDate, ctx.today);
  return {
    kind: 'HAPUS_KELUARGA',
    regionCode: household.region_code,
    householdId: household.id,
    personId: null,
    nik: household.head_nik ?? null,
    subjectName: household.head_name ?? 'Keluarga tanpa kepala keluarga',
    payload: {
      cause: input.cause,
      eventDate: input.eventDate ?? null,
      memberCount: Number(household.active_members),
    },
    subjectKey: String(household.id),
  };
}

/** The person concerned, by id or NIK, in the actor's scope (else 404) and still listed. */
async function activePerson(
  ctx: Context,
  input: { personId?: number | undefined; nik?: string | undefined },
) {
  let by: { id: number } | { nik: string };
  if (input.personId !== undefined) by = { id: input.personId };
  else if (input.nik !== undefined) {
    const text = readIdentifierText(input.nik, 16);
    if (text.kind !== 'digits') {
      const code = text.kind === 'numeric-cell' ? 'NIK_NUMERIC_CELL' : 'NIK_FORMAT';
      throw new ValidationError(code, NIK_MESSAGES[code], { field: 'nik' });
    }
    by = { nik: text.digits };
  } else {
    throw new ValidationError(
      'USULAN_PERSON_REQUIRED',
      'Sebutkan penduduk yang diusulkan (personId atau NIK).',
    );
  }
  const person = await ctx.repo.findPerson(ctx.db, by);
  if (!person || !isWithinRegion(person.region_code, regionScope(ctx.actor)))
    throw new NotFoundError('Penduduk');
  if (person.status !== 'HIDUP' || person.absent_since_edition !== null) {
    throw new ConflictError(
      'USULAN_NOT_APPLICABLE',
      `Penduduk ini sudah tidak tercatat aktif dalam DTSEN (status ${person.status}${
        person.absent_since_edition ? `, tidak ada sejak edisi ${person.absent_since_edition}` : ''
      }).`,
    );
  }
  return person;
}

function checkEventDate(date: string | undefined, today: Date): void {
  if (date && date > today.toISOString().slice(0, 10)) {
    throw new ValidationError('DATE_IN_FUTURE', 'Tanggal kejadian tidak boleh di masa depan.', {
      field: 'eventDate',
    });
  }
}
