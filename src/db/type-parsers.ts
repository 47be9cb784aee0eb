/** OIDs of the PostgreSQL types whose default JS form Salur changes, on both engines. */
export const PG_INT8 = 20;
export const PG_DATE = 1082;

/**
 * int8 (bigint ids, rupiah sums, counts) becomes a JS number: rupiah totals of a whole
 * kabupaten stay far below 2^53, and a value above it must fail loudly, never round.
 */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value out of safe integer range: ${text}`);
  return n;
}

/** A calendar date stays the text `YYYY-MM-DD`: a JS Date would shift it by the time zone. */
export const typeParsers = {
  [PG_INT8]: parseInt8,
  [PG_DATE]: (text: string) => text,
};
