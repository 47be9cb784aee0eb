import type { Db, SalurDatabase } from '../../db/database';
import type { AppUser, AppUserUpdate } from '../../db/types';
import { isWithinRegion } from '../../domain/region-code';
import {
  type Actor,
  authorize,
  ROLE_REGION_LENGTHS,
  ROLES,
  type Role,
  regionScope,
} from '../../platform/auth/actor';
import { hashPassword, randomPassword } from '../../platform/auth/secrets';
import type { Config } from '../../platform/config';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/service';
import { assertPasswordStrength } from '../auth/service';
import type { RegionsService } from '../regions/service';
import { createUsersRepository } from './repository';

export interface NewUserInput {
  username: string;
  fullName: string;
  role: Role;
  regionCode: string;
  password: string;
  /** Default true: a password set by someone else is changed by its owner at first login. */
  mustChangePassword?: boolean;
}

export interface UserPatch {
  fullName?: string | undefined;
  role?: Role | undefined;
  regionCode?: string | undefined;
  disabled?: boolean | undefined;
}

/** What audit entries keep of a user: never the password hash. */
function auditView(user: AppUser) {
  return {
    username: user.username,
    fullName: user.full_name,
    role: user.role,
    regionCode: user.region_code,
    disabled: user.disabled_at !== null,
  };
}

export function createUsersService(deps: {
  database: SalurDatabase;
  config: Config;
  audit: AuditService;
  regions: RegionsService;
}) {
  const repo = createUsersRepository();
  const { database, audit, regions } = deps;

  /** A role's region must be of the right level and inside the office's kabupaten/kota. */
  async function checkRoleRegion(db: Db, role: Role, regionInput: string): Promise<string> {
    const region = await regions.get(regionInput, db).catch((error) => {
      if (error instanceof NotFoundError) {
        throw new ValidationError('REGION_UNKNOWN', `Kode wilayah ${regionInput} tidak dikenal.`);
      }
      throw error;
    });
    if (!isWithinRegion(region.code, deps.config.kabupatenCode)) {
      throw new ValidationError(
        'REGION_OUT_OF_SCOPE',
        `Wilayah ${region.name} berada di luar kabupaten/kota kantor ini.`,
      );
    }
    if (!ROLE_REGION_LENGTHS[role].includes(region.code.length)) {
      throw new ValidationError('ROLE_REGION_MISMATCH', roleRegionMessage(role), {
        role,
        regionCode: region.code,
      });
    }
    if (region.retired) {
      throw new ValidationError('REGION_RETIRED', `Wilayah ${region.name} sudah tidak berlaku.`);
    }
    return region.code;
  }

  /** Loads a user the actor may see; one outside the actor's region is "not found" (no leak). */
  async function loadVisible(db: Db, actor: Actor, id: number): Promise<AppUser> {
    const user = await repo.findById(db, id);
    if (!user || !isWithinRegion(user.region_code, regionScope(actor))) throw new NotFoundError('Pengguna');
    return user;
  }

  return {
    async list(
      actor: Actor,
      filter: { q?: string | undefined; role?: string | undefined; page: number; pageSize: number },
    ) {
      authorize(actor, 'users.read');
      return repo.list(database.db, {
        q: filter.q,
        role: filter.role,
        regionPrefix: regionScope(actor),
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
    },

    async get(actor: Actor, id: number): Promise<AppUser> {
      authorize(actor, 'users.read');
      return loadVisible(database.db, actor, id);
    },

    async create(actor: Actor, input: NewUserInput): Promise<AppUser> {
      authorize(actor, 'users.manage');
      assertPasswordStrength(input.password);
      const username = input.username.trim().toLowerCase();
      // The HTTP schema checks these too; the CLI reaches the service directly.
      if (!/^[a-z0-9._-]{3,40}$/.test(username)) {
        throw new ValidationError(
          'USERNAME_FORMAT',
          'Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis bawah, tanda hubung.',
        );
      }
      if (!ROLES.includes(input.role)) {
        throw new ValidationError(
          'ROLE_UNKNOWN',
          `Peran "${input.role}" tidak dikenal. Pilihan: ${ROLES.join(', ')}.`,
        );
      }
      const passwordHash = await hashPassword(input.password);
      return database.transaction(async ({ db }) => {
        const regionCode = await checkRoleRegion(db, input.role, input.regionCode);
        if (await repo.findByUsername(db, username)) {
          throw new ConflictError('USERNAME_TAKEN', `Nama pengguna "${username}" sudah dipakai.`);
        }
        const user = await repo.insert(db, {
          username,
          full_name: input.fullName.trim(),
          role: input.role,
          region_code: regionCode,
          password_hash: passwordHash,
          must_change_password: input.mustChangePassword ?? true,
        });
        await audit.record(db, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          regionCode,
          after: auditView(user),
        });
        return user;
      });
    },

    async update(actor: Actor, id: number, patch: UserPatch): Promise<AppUser> {
      authorize(actor, 'users.manage');
      return database.transaction(async ({ db }) => {
        const before = await loadVisible(db, actor, id);
        const role = patch.role ?? before.role;
        const changes: AppUserUpdate = {};
        if (patch.fullName !== undefined) changes.full_name = patch.fullName.trim();
        if (patch.role !== undefined || patch.regionCode !== undefined) {
          changes.role = role;
          changes.region_code = await checkRoleRegion(db, role, patch.regionCode ?? before.region_code);
        }
        if (patch.disabled !== undefined)
          changes.disabled_at = patch.disabled ? (before.disabled_at ?? new Date()) : null;
        const losesAdmin =
          before.role === 'admin_dinsos' &&
          before.disabled_at === null &&
          (role !== 'admin_dinsos' || patch.disabled);
        if (losesAdmin && id === actor.userId) {
          throw new ConflictError(
            'CANNOT_DEMOTE_SELF',
            'Anda tidak dapat menonaktifkan atau menurunkan peran akun sendiri.',
          );
        }
        if (losesAdmin && (await repo.countActiveAdmins(db)) <= 1) {
          throw new ConflictError('LAST_ADMIN', 'Harus tetap ada minimal satu admin Dinsos yang aktif.');
        }
        const after = await repo.update(db, id, changes);
        if (patch.disabled) await db.deleteFrom('user_session').where('user_id', '=', id).execute();
        await audit.record(db, actor, {
          action:
            patch.disabled === true
              ? 'user.disable'
              : patch.disabled === false
                ? 'user.enable'
                : 'user.update',
          entityType: 'user',
          entityId: id,
          regionCode: after.region_code,
          before: auditView(before),
          after: auditView(after),
        });
        return after;
      });
    },

    /** Sets a new password chosen by an admin; the user must change it at next login. */
    async resetPassword(actor: Actor, id: number, password: string): Promise<void> {
      authorize(actor, 'users.manage');
      assertPasswordStrength(password);
      const passwordHash = await hashPassword(password);
      await database.transaction(async ({ db }) => {
        await loadVisible(db, actor, id);
        await repo.update(db, id, {
          password_hash: passwordHash,
          must_change_password: true,
          failed_logins: 0,
          locked_until: null,
        });
        await db.deleteFrom('user_session').where('user_id', '=', id).execute();
        await audit.record(db, actor, { action: 'user.password.reset', entityType: 'user', entityId: id });
      });
    },

    /**
     * First start of a new database: creates `admin` for the office's kabupaten/kota with
     * SALUR_ADMIN_PASSWORD, or a random password returned once for printing. No fixed default.
     */
    async ensureFirstAdmin(
      system: Actor,
    ): Promise<{ created: boolean; username: string; password?: string }> {
      return database.transaction(async ({ db }) => {
        if ((await repo.countAll(db)) > 0) return { created: false, username: 'admin' };
        const generated = deps.config.adminPassword === undefined;
        const password = deps.config.adminPassword ?? randomPassword();
        assertPasswordStrength(password);
        const regionCode = await checkRoleRegion(db, 'admin_dinsos', deps.config.kabupatenCode);
        const user = await repo.insert(db, {
          username: 'admin',
          full_name: 'Administrator Dinas Sosial',
          role: 'admin_dinsos',
          region_code: regionCode,
          password_hash: await hashPassword(password),
          must_change_password: generated,
        });
        await audit.record(db, system, {
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          after: auditView(user),
        });
        return generated
          ? { created: true, username: 'admin', password }
          : { created: true, username: 'admin' };
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;

function roleRegionMessage(role: Role): string {
  const levels = ROLE_REGION_LENGTHS[role].map(
    (n) => ({ 4: 'kabupaten/kota', 6: 'kecamatan', 10: 'desa/kelurahan' })[n as 4 | 6 | 10],
  );
  return `Peran ${role} harus ditetapkan pada wilayah tingkat ${levels.join(' atau ')}.`;
}
