import type { Role } from '../../db/types';
import { ForbiddenError } from '../errors';

export type { Role };

export const ROLES: readonly Role[] = [
  'admin_dinsos',
  'operator_kecamatan',
  'operator_kelurahan',
  'pendamping',
  'koordinator',
  'ewarong',
  'auditor',
];

/** Who is acting, and through what. Built from the user row on every request. */
export interface Actor {
  userId: number;
  username: string;
  fullName: string;
  role: Role;
  /** Canonical region code the user is scoped to (kabupaten, kecamatan or desa). */
  regionCode: string;
  via: 'session' | 'token' | 'cli';
  requestId?: string | undefined;
}

/** The system itself (first start, migrations, demo seeding): recorded in audit as such. */
export const SYSTEM_ACTOR: Actor = {
  userId: 0,
  username: 'system',
  fullName: 'Sistem',
  role: 'admin_dinsos',
  regionCode: '',
  via: 'cli',
};

/**
 * What each role may do (DOMAIN.md "Who uses it"). Regions narrow every permission further:
 * see `regionScope`.
 */
const PERMISSIONS = {
  'users.manage': ['admin_dinsos'],
  'users.read': ['admin_dinsos', 'auditor'],
  'audit.read': ['admin_dinsos', 'auditor'],
  'registry.read': [
    'admin_dinsos',
    'operator_kecamatan',
    'operator_kelurahan',
    'pendamping',
    'koordinator',
    'auditor',
  ],
  'jobs.read.all': ['admin_dinsos', 'auditor'],
  'nik.full': ['admin_dinsos', 'operator_kecamatan', 'operator_kelurahan', 'pendamping'],
  'registry.import': ['admin_dinsos'],
  // Proposals to the centre (docs/usulan.md): operators propose, kecamatan then Dinsos decide.
  'usulan.read': ['admin_dinsos', 'operator_kecamatan', 'operator_kelurahan', 'pendamping', 'auditor'],
  'usulan.create': ['operator_kelurahan', 'pendamping'],
  'usulan.decide': ['operator_kecamatan', 'admin_dinsos'],
  'usulan.batch': ['admin_dinsos'],
  'usulan.batch.read': ['admin_dinsos', 'auditor'],
  // Programmes and distribution (docs/penyaluran.md): the office imports and decides; regions read.
  'programs.manage': ['admin_dinsos'],
  'distribution.read': ['admin_dinsos', 'operator_kecamatan', 'operator_kelurahan', 'koordinator', 'auditor'],
  'distribution.import': ['admin_dinsos'],
  'distribution.finalise': ['admin_dinsos'],
  // The Berita Acara PDF covers the whole kabupaten/kota (docs/berita-acara-dan-realisasi.md).
  'distribution.berita_acara': ['admin_dinsos', 'auditor'],
  'targeting.read': ['admin_dinsos', 'operator_kecamatan', 'operator_kelurahan', 'auditor'],
  'targeting.enrol': ['admin_dinsos'],
  // Missed PKH commitments (docs/program.md): the pendamping verifies komitmen (DOMAIN.md), so
  // they record too, within their region; removing a record is an admin correction.
  'noncompliance.read': [
    'admin_dinsos',
    'operator_kecamatan',
    'operator_kelurahan',
    'pendamping',
    'koordinator',
    'auditor',
  ],
  'noncompliance.record': ['admin_dinsos', 'operator_kecamatan', 'operator_kelurahan', 'pendamping'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError();
}

/** Roles that only read: every change they attempt is refused. */
export function isReadOnly(role: Role): boolean {
  return role === 'auditor';
}

/**
 * The region prefix every query of this actor is limited to. Canonical codes nest by
 * prefix, so `region_code LIKE scope || '%'` is the whole rule. Pendamping and e-Warong are
 * narrowed further by their assignments in the modules that own them.
 */
export function regionScope(actor: Actor): string {
  return actor.regionCode;
}

/** Which region levels a role's scope may be set to (code lengths). */
export const ROLE_REGION_LENGTHS: Record<Role, readonly number[]> = {
  admin_dinsos: [4],
  auditor: [4],
  koordinator: [4, 6],
  operator_kecamatan: [6],
  operator_kelurahan: [10],
  pendamping: [6, 10],
  ewarong: [10],
};
