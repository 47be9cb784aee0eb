import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { AppUser, AppUserUpdate, NewAppUser } from '../../db/types';

export interface UserListFilter {
  q?: string | undefined;
  role?: string | undefined;
  regionPrefix: string;
  limit: number;
  offset: number;
}

const LIST_COLUMNS = [
  'id',
  'username',
  'full_name',
  'role',
  'region_code',
  'must_change_password',
  'disabled_at',
  'locked_until',
  'last_login_at',
  'created_at',
  'updated_at',
] as const;

export type UserSummaryRow = Pick<AppUser, (typeof LIST_COLUMNS)[number]>;

export function createUsersRepository() {
  return {
    findById(db: Db, id: number): Promise<AppUser | undefined> {
      return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findByUsername(db: Db, username: string): Promise<AppUser | undefined> {
      return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    },

    async countAll(db: Db): Promise<number> {
      const row = await db
        .selectFrom('app_user')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async countActiveAdmins(db: Db): Promise<number> {
      const row = await db
        .selectFrom('app_user')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin_dinsos')
        .where('disabled_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async list(db: Db, filter: UserListFilter): Promise<{ rows: UserSummaryRow[]; total: number }> {
      let query = db.selectFrom('app_user').where('region_code', 'like', `${filter.regionPrefix}%`);
      if (filter.q) {
        const pattern = `%${filter.q.toLowerCase()}%`;
        query = query.where((eb) =>
          eb.or([eb('username', 'like', pattern), eb(eb.fn('lower', ['full_name']), 'like', pattern)]),
        );
      }
      if (filter.role) query = query.where('role', '=', filter.role as AppUser['role']);
      const [rows, count] = await Promise.all([
        query.select(LIST_COLUMNS).orderBy('username').limit(filter.limit).offset(filter.offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    insert(db: Db, user: NewAppUser): Promise<AppUser> {
      return db.insertInto('app_user').values(user).returningAll().executeTakeFirstOrThrow();
    },

    update(db: Db, id: number, patch: AppUserUpdate): Promise<AppUser> {
      return db
        .updateTable('app_user')
        .set({ ...patch, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Counts a failure; the Nth in a row locks the account until `lockUntil` and restarts the count. */
    async recordLoginFailure(db: Db, id: number, lockAfter: number, lockUntil: Date): Promise<void> {
      await sql`
        UPDATE app_user SET
          locked_until = CASE WHEN failed_logins + 1 >= ${lockAfter} THEN ${lockUntil}::timestamptz ELSE locked_until END,
          failed_logins = CASE WHEN failed_logins + 1 >= ${lockAfter} THEN 0 ELSE failed_logins + 1 END
        WHERE id = ${id}`.execute(db);
    },

    async recordLoginSuccess(db: Db, id: number, at: Date): Promise<void> {
      await db
        .updateTable('app_user')
        .set({ failed_logins: 0, locked_until: null, last_login_at: at })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
