import { addYears, ageOn, dayNumber, isoFromDay, yearOf } from './dates';
import { motherName, personName, pickMarga, type Sex } from './names';
import type { Random } from './random';

/**
 * Family structure of one household on its family card: who lives there, born when, to whom.
 * Life events (death, moving out, school, pregnancy, disability) are added by life-events.ts and
 * identity numbers by identity.ts.
 */
export type Relationship =
  | 'KEPALA_KELUARGA'
  | 'ISTRI'
  | 'SUAMI'
  | 'ANAK'
  | 'CUCU'
  | 'ORANG_TUA'
  | 'FAMILI_LAIN';

export type HouseholdKind =
  | 'couple_children'
  | 'couple_children_parent'
  | 'three_generations'
  | 'single_mother'
  | 'single_father'
  | 'elderly_alone'
  | 'elderly_couple'
  | 'young_couple'
  | 'single_adult';

export interface FamilyMember {
  relationship: Relationship;
  name: string;
  sex: Sex;
  birthDate: string;
  motherName: string;
}

export interface Family {
  kind: HouseholdKind;
  members: FamilyMember[];
}

// Shares tuned so that the mean household has about four members (≈100,000 people in 25,000 households).
const KINDS: readonly (readonly [HouseholdKind, number])[] = [
  ['couple_children', 52],
  ['couple_children_parent', 8],
  ['three_generations', 6],
  ['single_mother', 11],
  ['single_father', 3],
  ['elderly_alone', 6],
  ['elderly_couple', 6],
  ['young_couple', 5],
  ['single_adult', 3],
];

const CHILDREN_WANTED: readonly (readonly [number, number])[] = [
  [1, 13],
  [2, 27],
  [3, 29],
  [4, 18],
  [5, 8],
  [6, 5],
];

/** One household; heads are 25–80 years old on the reference date, other members up to 92. */
export function draftFamily(random: Random, referenceDate: string): Family {
  const kind = random.weighted(KINDS);
  const builder = new FamilyBuilder(
    random,
    referenceDate,
    random.chance(0.05) ? pickMarga(random) : undefined,
  );
  switch (kind) {
    case 'couple_children':
      builder.couple(random.around(41, 16, 25, 68)).children();
      break;
    case 'couple_children_parent':
      builder
        .couple(random.around(40, 12, 27, 58))
        .children()
        .parent();
      break;
    case 'three_generations':
      builder.couple(random.around(61, 10, 48, 78)).grandchildren();
      break;
    case 'single_mother':
      builder.single('P', random.around(43, 15, 25, 72)).children();
      break;
    case 'single_father':
      builder.single('L', random.around(46, 14, 28, 72)).children();
      break;
    case 'elderly_alone':
      builder.single(random.chance(0.72) ? 'P' : 'L', random.around(72, 8, 62, 80));
      break;
    case 'elderly_couple':
      builder.couple(random.around(69, 7, 60, 80));
      break;
    case 'young_couple':
      builder.couple(random.around(28, 4, 25, 35));
      break;
    case 'single_adult':
      builder.single(random.chance(0.6) ? 'L' : 'P', random.around(36, 12, 25, 60));
      break;
  }
  if (random.chance(0.06)) builder.relative();
  return { kind, members: builder.members };
}

class FamilyBuilder {
  readonly members: FamilyMember[] = [];
  private father: FamilyMember | undefined;
  private mother: FamilyMember | undefined;

  constructor(
    private readonly random: Random,
    private readonly referenceDate: string,
    private readonly marga: string | undefined,
  ) {}

  /** Head and spouse; in a few couples the wife is registered as the head (then SUAMI). */
  couple(headAge: number): this {
    const husband = this.adult('L', headAge, this.marga);
    const wifeAge = Math.min(90, Math.max(19, headAge - this.random.around(4, 7, -3, 14)));
    const wife = this.adult('P', wifeAge, undefined);
    const wifeIsHead = wifeAge >= 25 && wifeAge <= 80 && this.random.chance(0.04);
    husband.relationship = wifeIsHead ? 'SUAMI' : 'KEPALA_KELUARGA';
    wife.relationship = wifeIsHead ? 'KEPALA_KELUARGA' : 'ISTRI';
    this.members.push(...(wifeIsHead ? [wife, husband] : [husband, wife]));
    this.father = husband;
    this.mother = wife;
    return this;
  }

  /** A single head: widowed or divorced with children, elderly, or a young adult alone. */
  single(sex: Sex, age: number): this {
    const head = this.adult(sex, age, sex === 'L' ? this.marga : undefined);
    head.relationship = 'KEPALA_KELUARGA';
    this.members.push(head);
    if (sex === 'L') this.father = head;
    else this.mother = head;
    return this;
  }

  /**
   * Children still on the card. Births are placed from the mother's (or, for a single father,
   * an absent mother's) birth date: first child at 19–30, then every 1¼–5 years, never after 45
   * (the mother is 18–45 at each birth). Grown children mostly have their own card already.
   */
  children(): this {
    const mother = this.mother;
    const motherBirth = mother?.birthDate ?? this.absentMotherBirth();
    const mothersName = mother?.name ?? motherName(this.random, yearOf(motherBirth) + 25);
    for (const birthDate of this.birthDates(motherBirth, this.random.weighted(CHILDREN_WANTED))) {
      const age = ageOn(birthDate, this.referenceDate);
      if (age >= 30 && this.random.chance(0.92)) continue;
      if (age >= 24 && this.random.chance(0.5)) continue;
      this.members.push(this.child('ANAK', birthDate, mothersName, this.father?.name));
    }
    return this;
  }

  /** An older couple with a grown child, usually a daughter, and grandchildren (CUCU). */
  grandchildren(): this {
    const mother = this.mother!;
    const adultBirths = this.birthDates(mother.birthDate, this.random.int(1, 3)).filter(
      (birth) => ageOn(birth, this.referenceDate) >= 20,
    );
    let cucuMother: FamilyMember | undefined;
    for (const birthDate of adultBirths) {
      const daughter = cucuMother === undefined && this.random.chance(0.7);
      const child = this.child('ANAK', birthDate, mother.name, this.father?.name, daughter ? 'P' : undefined);
      if (daughter) cucuMother = child;
      this.members.push(child);
    }
    const cucuMotherBirth = cucuMother?.birthDate ?? this.absentMotherBirth(this.random.int(24, 40));
    const cucuMotherName = cucuMother?.name ?? motherName(this.random, yearOf(cucuMotherBirth) + 25);
    for (const birthDate of this.birthDates(cucuMotherBirth, this.random.int(1, 3))) {
      if (ageOn(birthDate, this.referenceDate) > 17) continue;
      this.members.push(this.child('CUCU', birthDate, cucuMotherName, undefined));
    }
    return this;
  }

  /** A widowed parent of the head or of the spouse (ORANG_TUA), mostly a mother. */
  parent(): this {
    const oldest = Math.max(...this.members.map((m) => ageOn(m.birthDate, this.referenceDate)));
    const age = Math.min(92, Math.max(60, oldest + this.random.around(28, 8, 20, 40)));
    const parent = this.adult(this.random.chance(0.75) ? 'P' : 'L', age, undefined);
    parent.relationship = 'ORANG_TUA';
    this.members.push(parent);
    return this;
  }

  /** A nephew, niece or sibling staying with the family (FAMILI_LAIN). */
  relative(): this {
    const age = this.random.around(19, 12, 5, 45);
    const sex: Sex = this.random.chance(0.5) ? 'L' : 'P';
    const birthDate = this.birthDateAtAge(age);
    this.members.push({
      relationship: 'FAMILI_LAIN',
      name: personName(this.random, { sex, birthYear: yearOf(birthDate) }),
      sex,
      birthDate,
      motherName: motherName(this.random, yearOf(birthDate)),
    });
    return this;
  }

  private adult(sex: Sex, age: number, marga: string | undefined): FamilyMember {
    const birthDate = this.birthDateAtAge(age);
    return {
      relationship: 'KEPALA_KELUARGA',
      name: personName(this.random, { sex, birthYear: yearOf(birthDate), marga }),
      sex,
      birthDate,
      motherName: motherName(this.random, yearOf(birthDate)),
    };
  }

  private child(
    relationship: Relationship,
    birthDate: string,
    mothersName: string,
    fatherName: string | undefined,
    fixedSex?: Sex,
  ): FamilyMember {
    const sex: Sex = fixedSex ?? (this.random.chance(0.49) ? 'P' : 'L');
    const marga = relationship === 'ANAK' ? this.marga : undefined;
    return {
      relationship,
      name: personName(this.random, { sex, birthYear: yearOf(birthDate), marga, fatherName }),
      sex,
      birthDate,
      motherName: mothersName,
    };
  }

  /** Birth date of a mother who is not on the card, so that her children's ages stay plausible. */
  private absentMotherBirth(age?: number): string {
    const head = this.members[0]!;
    const headAge = ageOn(head.birthDate, this.referenceDate);
    return this.birthDateAtAge(age ?? Math.max(20, headAge - this.random.around(3, 5, -4, 10)));
  }

  private birthDates(motherBirth: string, wanted: number): string[] {
    const last = dayNumber(this.referenceDate) - 1;
    const latest = dayNumber(addYears(motherBirth, 45));
    const dates: string[] = [];
    let day = dayNumber(addYears(motherBirth, this.random.int(19, 30))) + this.random.int(0, 364);
    while (dates.length < wanted && day <= last && day <= latest) {
      dates.push(isoFromDay(day));
      day += this.random.int(460, 1800);
    }
    return dates;
  }

  private birthDateAtAge(age: number): string {
    const from = dayNumber(addYears(this.referenceDate, -(age + 1))) + 1;
    const to = dayNumber(addYears(this.referenceDate, -age));
    return isoFromDay(this.random.int(from, Math.min(to, dayNumber(this.referenceDate) - 1)));
  }
}
