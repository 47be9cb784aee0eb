import type { Db } from '../../db/database';
import type { AppUser } from '../../db/types';

export function createAuthRepository() {
  return {
    async insertSession(
      db: Db,
      row: { token_hash: string; user_id: number; csrf_token: string; expires_at: Date },
    ) {
      await db.insertInto('user_session').values(row).execute();
    },

    /** The session with its user, if the session exists and has not expired. */
    findLiveSession(db: Db, tokenHash: string, now: Date) {
      return db
        .selectFrom('user_session as s')
        .innerJoin('app_user as u', 'u.id', 's.user_id')
        .select([
          's.token_hash',
          's.csrf_token',
          's.last_seen_at',
          's.expires_at',
          'u.id as user_id',
          'u.username',
          'u.full_name',
          'u.role',
          'u.region_code',
          'u.disabled_at',
          'u.must_change_password',
        ])
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', now)
        .executeTakeFirst();
    },

    async touchSession(db: Db, tokenHash: string, at: Date) {
      await db
        .updateTable('user_session')
        .set({ last_seen_at: at })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async deleteSession(db: Db, tokenHash: string) {
      await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
    },

    async deleteSessionsOfUser(db: Db, userId: number, exceptTokenHash?: string) {
      let query = db.deleteFrom('user_session').where('user_id', '=', userId);
      if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash);
      await query.execute();
    },

    async deleteExpiredSessions(db: Db, now: Date) {
      await db.deleteFrom('user_session').where('expires_at', '<=', now).execute();
    },

    async deleteLoginAttemptsBefore(db: Db, before: Date) {
      await db.deleteFrom('login_attempt').where('at', '<', before).execute();
    },

    async insertLoginAttempt(
      db: Db,
      row: { client_ip: string; username: string; succeeded: boolean; at: Date },
    ) {
      await db.insertInto('login_attempt').values(row).execute();
    },

    /** Failed logins from an address since `since` (a whole office behind one address logs in successfully many times). */
    async countRecentFailures(db: Db, clientIp: string, since: Date): Promise<number> {
      const row = await db
        .selectFrom('login_attempt')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('client_ip', '=', clientIp)
        .where('succeeded', '=', false)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insertApiToken(
      db: Db,
      row: {
        user_id: number;
        name: string;
        token_prefix: string;
        token_hash: string;
        expires_at: Date | null;
      },
    ) {
      return db
        .insertInto('api_token')
        .values(row)
        .returning([
          'id',
          'user_id',
          'name',
          'token_prefix',
          'created_at',
          'expires_at',
          'last_used_at',
          'revoked_at',
        ])
        .executeTakeFirstOrThrow();
    },

    listApiTokens(db: Db, userId: number | undefined) {
      let query = db
        .selectFrom('api_token as t')
        .innerJoin('app_user as u', 'u.id', 't.user_id')
        .select([
          't.id',
          't.user_id',
          'u.username',
          't.name',
          't.token_prefix',
          't.created_at',
          't.expires_at',
          't.last_used_at',
          't.revoked_at',
        ]);
      if (userId !== undefined) query = query.where('t.user_id', '=', userId);
      return query.orderBy('t.id', 'desc').execute();
    },

    findApiToken(db: Db, id: number) {
      return db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findLiveApiToken(db: Db, tokenHash: string, now: Date) {
      return db
        .selectFrom('api_token as t')
        .innerJoin('app_user as u', 'u.id', 't.user_id')
        .select([
          't.id as token_id',
          'u.id as user_id',
          'u.username',
          'u.full_name',
          'u.role',
          'u.region_code',
        ])
        .where('t.token_hash', '=', tokenHash)
        .where('t.revoked_at', 'is', null)
        .where('u.disabled_at', 'is', null)
        .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
        .executeTakeFirst();
    },

    async touchApiToken(db: Db, id: number, at: Date) {
      await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
    },

    async revokeApiToken(db: Db, id: number, at: Date) {
      await db.updateTable('api_token').set({ revoked_at: at }).where('id', '=', id).execute();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
export type { AppUser };
