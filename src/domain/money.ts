/**
 * Rupiah amounts as offices and channels write them (issue 4 "Bad input"): `1500000`,
 * `1.500.000`, `1,500,000`, `Rp 1.500.000`, `Rp1.500.000,00`, or a spreadsheet number. Money is
 * always an integer number of rupiah (DOMAIN.md): anything that could mean two different
 * amounts, or has a fraction of a rupiah, is refused with a reason rather than guessed.
 */
export type MoneyErrorCode = 'AMOUNT_FORMAT' | 'AMOUNT_AMBIGUOUS' | 'AMOUNT_NEGATIVE' | 'AMOUNT_FRACTION';

export const MONEY_MESSAGES: Record<MoneyErrorCode, string> = {
  AMOUNT_FORMAT:
    'Nominal tidak terbaca sebagai rupiah (contoh yang diterima: 1500000, 1.500.000, 750.000, Rp 1.500.000).',
  AMOUNT_AMBIGUOUS:
    'Nominal bermakna ganda (mis. 750,000 bisa berarti tujuh ratus lima puluh ribu atau tujuh ratus lima puluh koma nol): tulis tanpa pemisah atau dengan titik ribuan, mis. 750000 atau 750.000.',
  AMOUNT_NEGATIVE: 'Nominal negatif tidak diterima.',
  AMOUNT_FRACTION: 'Nominal memiliki pecahan rupiah: rupiah harus bilangan bulat.',
};

export type MoneyResult = { ok: true; value: number } | { ok: false; code: MoneyErrorCode };

const fail = (code: MoneyErrorCode): MoneyResult => ({ ok: false, code });

export function parseRupiah(input: unknown): MoneyResult {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail('AMOUNT_FORMAT');
    if (input < 0) return fail('AMOUNT_NEGATIVE');
    if (!Number.isInteger(input)) return fail('AMOUNT_FRACTION');
    if (!Number.isSafeInteger(input)) return fail('AMOUNT_FORMAT');
    return { ok: true, value: input };
  }
  if (typeof input !== 'string') return fail('AMOUNT_FORMAT');
  let text = input.trim().replace(/\s+/g, '');
  if (text === '') return fail('AMOUNT_FORMAT');
  let negative = false;
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1);
  }
  text = text.replace(/^rp\.?/i, '');
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1);
  }
  // A trailing ",-" or ",00"/".00" is how Indonesian documents close an amount.
  text = text.replace(/,-$/, '');
  if (!/^[0-9][0-9.,]*$/.test(text)) return fail('AMOUNT_FORMAT');
  const value = digitsValue(text);
  if (!value.ok) return value;
  if (negative && value.value !== 0) return fail('AMOUNT_NEGATIVE');
  return value;
}

function digitsValue(text: string): MoneyResult {
  if (/^[0-9]+$/.test(text)) return safe(text);
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  // Both separators: the last one is the decimal mark; the other groups thousands.
  if (dots > 0 && commas > 0) {
    const decimalMark = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
    const groupMark = decimalMark === '.' ? ',' : '.';
    const [whole = '', fraction = ''] = splitLast(text, decimalMark);
    if (fraction.includes(groupMark) || !isGrouped(whole, groupMark)) return fail('AMOUNT_FORMAT');
    if (!/^[0-9]{1,2}$/.test(fraction)) return fail('AMOUNT_FORMAT');
    if (/[1-9]/.test(fraction)) return fail('AMOUNT_FRACTION');
    return safe(whole.split(groupMark).join(''));
  }
  const mark = dots > 0 ? '.' : ',';
  const count = Math.max(dots, commas);
  const [whole = '', last = ''] = splitLast(text, mark);
  // One mark followed by one or two digits is a decimal part: `150000,00`, `150000.5`.
  if (count === 1 && /^[0-9]{1,2}$/.test(last)) {
    if (/[1-9]/.test(last)) return fail('AMOUNT_FRACTION');
    return safe(whole);
  }
  if (!isGrouped(text, mark)) return fail('AMOUNT_FORMAT');
  // One mark before a single group of three. A dot (`750.000`, `Rp 1.500`) is the Indonesian
  // thousands mark, as offices and Indonesian bank reports write rupiah: read as thousands (a
  // decimal dot with three places is not how rupiah are written). A comma (`750,000`) is the
  // Indonesian decimal mark but the English thousands mark: 750 or 750 000, so it is refused as
  // ambiguous rather than guessed (issue 4). Two or more groups (`1,500,000`) are unambiguous.
  if (count === 1 && mark === ',') return fail('AMOUNT_AMBIGUOUS');
  return safe(text.split(mark).join(''));
}

function splitLast(text: string, mark: string): [string, string] {
  const at = text.lastIndexOf(mark);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `1.500.000` with `.`: 1–3 leading digits, then groups of exactly three. */
function isGrouped(text: string, mark: string): boolean {
  const groups = text.split(mark);
  const [first = '', ...rest] = groups;
  return /^[0-9]{1,3}$/.test(first) && rest.every((g) => /^[0-9]{3}$/.test(g));
}

function safe(digits: string): MoneyResult {
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return fail('AMOUNT_FORMAT');
  return { ok: true, value };
}
