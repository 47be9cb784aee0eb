import { ageOn, dayNumber, isoFromDay } from './dates';
import type { FamilyMember } from './households';
import type { Random } from './random';

/**
 * What happened to each member by the reference date: still living here (HIDUP), died
 * (MENINGGAL, still on the card: the office has to catch it), moved out (PINDAH); school
 * level of the children; pregnancy; severe disability. These drive the PKH components
 * (DOMAIN.md "PKH components") and the inclusion-error checks.
 */
export type PersonStatus = 'HIDUP' | 'MENINGGAL' | 'PINDAH';
export type Schooling = 'PAUD_TK' | 'SD' | 'SMP' | 'SMA' | 'TIDAK_SEKOLAH';

export interface LifeEvents {
  status: PersonStatus;
  deathDate: string | null;
  schooling: Schooling | null;
  pregnancyDueDate: string | null;
  severeDisability: boolean;
}

/** Deaths recorded on the cards happened in the last few years. */
const EARLIEST_DEATH = '2022-01-01';

export function lifeEventsFor(random: Random, member: FamilyMember, referenceDate: string): LifeEvents {
  const age = ageOn(member.birthDate, referenceDate);
  const events: LifeEvents = {
    status: 'HIDUP',
    deathDate: null,
    schooling: null,
    pregnancyDueDate: null,
    severeDisability: false,
  };
  if (random.chance(deathChance(member, age))) {
    events.status = 'MENINGGAL';
    events.deathDate = deathDate(random, member.birthDate, referenceDate);
    return events;
  }
  if (random.chance(moveChance(member, age))) {
    events.status = 'PINDAH';
    return events;
  }
  events.severeDisability = random.chance(disabilityChance(age));
  events.schooling = schooling(random, age, events.severeDisability);
  if (random.chance(pregnancyChance(member, age))) {
    // Due within the next nine months of the reference date.
    events.pregnancyDueDate = isoFromDay(dayNumber(referenceDate) + random.int(1, 273));
  }
  return events;
}

function deathChance(member: FamilyMember, age: number): number {
  // A head who died usually leads to a new card; a few stale ones remain (inclusion-error cases).
  const factor = member.relationship === 'KEPALA_KELUARGA' ? 0.4 : 1;
  if (age >= 75) return 0.09 * factor;
  if (age >= 60) return 0.03 * factor;
  if (age >= 40) return 0.006 * factor;
  return 0.002 * factor;
}

function moveChance(member: FamilyMember, age: number): number {
  if (member.relationship === 'KEPALA_KELUARGA') return 0;
  if (member.relationship === 'ANAK' && age >= 18 && age <= 35) return 0.08;
  if (member.relationship === 'FAMILI_LAIN') return 0.05;
  return 0.003;
}

function disabilityChance(age: number): number {
  if (age >= 75) return 0.05;
  if (age >= 60) return 0.02;
  if (age >= 18) return 0.008;
  return 0.006;
}

function pregnancyChance(member: FamilyMember, age: number): number {
  if (member.sex !== 'P' || age < 18 || age > 42) return 0;
  if (member.relationship === 'ISTRI') return age <= 35 ? 0.08 : 0.03;
  if (member.relationship === 'KEPALA_KELUARGA') return 0.01;
  if (member.relationship === 'ANAK' && age >= 20) return 0.03;
  return 0;
}

/**
 * School level by age on the reference date (a school year starts in July): PAUD/TK 4–6,
 * SD 7–12, SMP 13–15, SMA 16–18 and a few older pupils; dropouts more often in the higher
 * levels and among children with a severe disability.
 */
function schooling(random: Random, age: number, severeDisability: boolean): Schooling | null {
  if (age < 4 || age > 21) return null;
  if (severeDisability && age >= 7 && random.chance(0.5)) return 'TIDAK_SEKOLAH';
  if (age <= 5) return random.chance(0.7) ? 'PAUD_TK' : null;
  if (age === 6) return random.chance(0.3) ? 'SD' : random.chance(0.8) ? 'PAUD_TK' : null;
  if (age <= 12) return random.chance(0.02) ? 'TIDAK_SEKOLAH' : 'SD';
  if (age <= 15) return random.chance(0.07) ? 'TIDAK_SEKOLAH' : 'SMP';
  if (age <= 18) return random.chance(0.18) ? 'TIDAK_SEKOLAH' : 'SMA';
  return age <= 20 && random.chance(0.06) ? 'SMA' : null;
}

function deathDate(random: Random, birthDate: string, referenceDate: string): string {
  const last = dayNumber(referenceDate) - 1;
  const from = Math.min(last, Math.max(dayNumber(EARLIEST_DEATH), dayNumber(birthDate) + 1));
  return isoFromDay(random.int(from, last));
}
