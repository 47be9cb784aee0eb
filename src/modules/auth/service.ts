import type { SalurDatabase } from '../../db/database';
import type { Actor } from '../../platform/auth/actor';
import {
  dummyPasswordHash,
  hashPassword,
  randomToken,
  sha256Hex,
  verifyPassword,
} from '../../platform/auth/secrets';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import {
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
} from '../../platform/errors';
import type { AuditService } from '../audit/service';
import { createUsersRepository } from '../users/repository';
import { createAuthRepository } from './repository';

export const MIN_PASSWORD_LENGTH = 10;
const API_TOKEN_PREFIX = 'salur_';

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  mustChangePassword: boolean;
  expiresAt: Date;
}

export function assertPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError('PASSWORD_TOO_SHORT', `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`);
  }
}

export function createAuthService(deps: {
  database: SalurDatabase;
  config: Config;
  clock: Clock;
  audit: AuditService;
}) {
  const repo = createAuthRepository();
  const users = createUsersRepository();
  const { database, clock, audit } = deps;
  const login = deps.config.login;

  return {
    /**
     * Checks the address's budget of failed attempts, then the account lock, then the password.
     * Failures are counted per address (rate limit across processes) and per account (a
     * temporary lock; issue 2, "Users, roles and scope"). Successful logins do not count: an
     * office's staff behind one public address all log in at the start of the day.
     */
    async login(input: { username: string; password: string; clientIp: string; requestId?: string }) {
      const now = clock.now();
      const username = input.username.trim().toLowerCase();
      return database
        .transaction(async ({ db }) => {
          const recent = await repo.countRecentFailures(
            db,
            input.clientIp,
            new Date(now.getTime() - 15 * 60_000),
          );
          if (recent >= login.maxAttemptsPerIpPer15Min) {
            throw new TooManyRequestsError(
              'AUTH_RATE_LIMITED',
              'Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi dalam 15 menit.',
              15 * 60,
            );
          }
          const user = await users.findByUsername(db, username);
          if (user?.locked_until && user.locked_until > now) {
            await repo.insertLoginAttempt(db, {
              client_ip: input.clientIp,
              username,
              succeeded: false,
              at: now,
            });
            const minutes = Math.ceil((user.locked_until.getTime() - now.getTime()) / 60_000);
            throw new TooManyRequestsError(
              'AUTH_LOCKED',
              `Akun dikunci sementara karena terlalu banyak kata sandi salah. Coba lagi dalam ${minutes} menit.`,
              minutes * 60,
            );
          }
          const ok = user
            ? await verifyPassword(user.password_hash, input.password)
            : await verifyPassword(await dummyPasswordHash(), input.password);
          await repo.insertLoginAttempt(db, { client_ip: input.clientIp, username, succeeded: ok, at: now });
          if (!user || !ok || user.disabled_at) {
            if (user && !ok) {
              const lockUntil = new Date(now.getTime() + login.lockMinutes * 60_000);
              await users.recordLoginFailure(db, user.id, login.maxFailuresBeforeLock, lockUntil);
            }
            return { ok: false as const };
          }
          await users.recordLoginSuccess(db, user.id, now);
          const token = randomToken();
          const csrfToken = randomToken(24);
          const expiresAt = new Date(now.getTime() + deps.config.sessionTtlHours * 3_600_000);
          await repo.insertSession(db, {
            token_hash: sha256Hex(token),
            user_id: user.id,
            csrf_token: csrfToken,
            expires_at: expiresAt,
          });
          const actor: Actor = {
            userId: user.id,
            username: user.username,
            fullName: user.full_name,
            role: user.role,
            regionCode: user.region_code,
            via: 'session',
            requestId: input.requestId,
          };
          await audit.record(db, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
          return {
            ok: true as const,
            token,
            session: {
              actor,
              csrfToken,
              mustChangePassword: user.must_change_password,
              expiresAt,
            } satisfies SessionInfo,
          };
        })
        .then((result) => {
          // The failed attempt is committed before answering, so it counts towards the lock.
          if (!result.ok)
            throw new UnauthenticatedError('AUTH_INVALID', 'Nama pengguna atau kata sandi salah.');
          return result;
        });
    },

    async logout(token: string, actor: Actor): Promise<void> {
      await database.transaction(async ({ db }) => {
        await repo.deleteSession(db, sha256Hex(token));
        await audit.record(db, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
      });
    },

    /** The session behind a cookie token, or null when unknown, expired or the user is disabled. */
    async sessionFromToken(token: string, requestId?: string): Promise<SessionInfo | null> {
      const now = clock.now();
      const tokenHash = sha256Hex(token);
      const row = await repo.findLiveSession(database.db, tokenHash, now);
      if (!row || row.disabled_at) return null;
      // Touch at most once a minute: a write per request would serialise every read on PGlite.
      if (now.getTime() - row.last_seen_at.getTime() > 60_000)
        await repo.touchSession(database.db, tokenHash, now);
      return {
        actor: {
          userId: row.user_id,
          username: row.username,
          fullName: row.full_name,
          role: row.role,
          regionCode: row.region_code,
          via: 'session',
          requestId,
        },
        csrfToken: row.csrf_token,
        mustChangePassword: row.must_change_password,
        expiresAt: row.expires_at,
      };
    },

    async actorFromApiToken(token: string, requestId?: string): Promise<Actor | null> {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null;
      const now = clock.now();
      const row = await repo.findLiveApiToken(database.db, sha256Hex(token), now);
      if (!row) return null;
      await repo.touchApiToken(database.db, row.token_id, now);
      return {
        userId: row.user_id,
        username: row.username,
        fullName: row.full_name,
        role: row.role,
        regionCode: row.region_code,
        via: 'token',
        requestId,
      };
    },

    async changePassword(
      actor: Actor,
      currentToken: string | undefined,
      current: string,
      next: string,
    ): Promise<void> {
      assertPasswordStrength(next);
      await database.transaction(async ({ db }) => {
        const user = await users.findById(db, actor.userId);
        if (!user) throw new NotFoundError('Pengguna');
        if (!(await verifyPassword(user.password_hash, current))) {
          throw new ValidationError('PASSWORD_WRONG', 'Kata sandi saat ini salah.');
        }
        await users.update(db, user.id, {
          password_hash: await hashPassword(next),
          must_change_password: false,
        });
        // Other sessions of this user end: whoever knew the old password is logged out.
        await repo.deleteSessionsOfUser(db, user.id, currentToken ? sha256Hex(currentToken) : undefined);
        await audit.record(db, actor, {
          action: 'user.password.change',
          entityType: 'user',
          entityId: user.id,
        });
      });
    },

    /** Creates a token for the actor, or (admin) for another user; the clear token is returned once. */
    async createApiToken(
      actor: Actor,
      input: { name: string; userId?: number | undefined; expiresInDays?: number | undefined },
    ) {
      const userId = input.userId ?? actor.userId;
      if (userId !== actor.userId && actor.role !== 'admin_dinsos') throw new ForbiddenError();
      if (actor.role === 'auditor' && actor.via !== 'session') throw new ForbiddenError();
      const token = `${API_TOKEN_PREFIX}${randomToken()}`;
      const now = clock.now();
      const expiresAt = input.expiresInDays
        ? new Date(now.getTime() + input.expiresInDays * 86_400_000)
        : null;
      return database.transaction(async ({ db }) => {
        const user = await users.findById(db, userId);
        if (!user) throw new NotFoundError('Pengguna');
        const row = await repo.insertApiToken(db, {
          user_id: userId,
          name: input.name,
          token_prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
          token_hash: sha256Hex(token),
          expires_at: expiresAt,
        });
        await audit.record(db, actor, {
          action: 'api_token.create',
          entityType: 'api_token',
          entityId: row.id,
          after: { userId, name: input.name, expiresAt },
        });
        return { token, info: { ...row, username: user.username } };
      });
    },

    listApiTokens(actor: Actor) {
      return repo.listApiTokens(database.db, actor.role === 'admin_dinsos' ? undefined : actor.userId);
    },

    async revokeApiToken(actor: Actor, id: number): Promise<void> {
      await database.transaction(async ({ db }) => {
        const row = await repo.findApiToken(db, id);
        if (!row || (row.user_id !== actor.userId && actor.role !== 'admin_dinsos'))
          throw new NotFoundError('Token API');
        if (row.revoked_at) return;
        await repo.revokeApiToken(db, id, clock.now());
        await audit.record(db, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: id });
      });
    },

    /** Housekeeping: expired sessions, and login attempts older than the rate-limit window needs. */
    async purgeExpired(): Promise<void> {
      const now = clock.now();
      await repo.deleteExpiredSessions(database.db, now);
      await repo.deleteLoginAttemptsBefore(database.db, new Date(now.getTime() - 86_400_000));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
