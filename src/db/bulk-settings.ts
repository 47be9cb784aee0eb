import type { DatabaseKind } from './database';
import type { RawConnection } from './raw-connection';

/**
 * Settings for an import's transaction (SET LOCAL: they end with it).
 *
 * - `jit = off`: PostgreSQL compiles the plans of the big statements with LLVM because their
 *   estimated cost is high, and on these one-pass statements compiling costs more than it saves
 *   (measured on a 1 M-person re-import: 0.33 s of JIT in the person comparison alone; the whole
 *   re-import 8.6 s → 8.1 s). PGlite has no JIT; the setting is accepted and does nothing.
 * - `work_mem`: hash joins of a million rows stay in memory. 64 MB on PGlite (more pushed the
 *   process past 1.2 GB at 1 M people, measured); 128 MB on a server, where the person table's
 *   hash otherwise spilled to disk in two batches.
 */
export async function useBulkSettings(raw: RawConnection, kind: DatabaseKind): Promise<void> {
  await raw.exec(`SET LOCAL jit = off; SET LOCAL work_mem = '${kind === 'postgres' ? '128MB' : '64MB'}';`);
}
