import type { Role } from '../api/client';
import type { RegionLevel } from '../lib/regions';

export const ROLES: readonly Role[] = [
  'admin_dinsos',
  'operator_kecamatan',
  'operator_kelurahan',
  'pendamping',
  'koordinator',
  'ewarong',
  'auditor',
];

// Mirrors the server's permission table (src/platform/auth/actor.ts); the server decides,
// the web app only hides what would be refused.
const ACCESS = {
  households: [
    'admin_dinsos',
    'operator_kecamatan',
    'operator_kelurahan',
    'pendamping',
    'koordinator',
    'auditor',
  ],
  users: ['admin_dinsos', 'auditor'],
  manageUsers: ['admin_dinsos'],
  audit: ['admin_dinsos', 'auditor'],
  verifyAudit: ['admin_dinsos'],
  createTokens: [
    'admin_dinsos',
    'operator_kecamatan',
    'operator_kelurahan',
    'pendamping',
    'koordinator',
    'ewarong',
  ],
  tokensForOthers: ['admin_dinsos'],
  // Server permission `registry.import`.
  registryImport: ['admin_dinsos'],
  // Server permissions `usulan.*` (docs/usulan.md).
  usulan: ['admin_dinsos', 'operator_kecamatan', 'operator_kelurahan', 'pendamping', 'auditor'],
  createUsulan: ['operator_kelurahan', 'pendamping'],
  usulanBatches: ['admin_dinsos', 'auditor'],
  createUsulanBatch: ['admin_dinsos'],
  // Server permissions `distribution.*`, `programs.manage`, `targeting.*` (docs/penyaluran.md).
  distribution: ['admin_dinsos', 'operator_kecamatan', 'operator_kelurahan', 'koordinator', 'auditor'],
  distributionManage: ['admin_dinsos'],
  // Server permission `distribution.berita_acara` (docs/berita-acara-dan-realisasi.md).
  beritaAcara: ['admin_dinsos', 'auditor'],
  targeting: ['admin_dinsos', 'operator_kecamatan', 'operator_kelurahan', 'auditor'],
  targetingEnrol: ['admin_dinsos'],
  // Server permission `nik.full`: full NIKs and account numbers (others see them masked).
  nikFull: ['admin_dinsos', 'operator_kecamatan', 'operator_kelurahan', 'pendamping'],
  // Server permissions `noncompliance.*` (docs/program.md); removing a record is `programs.manage`.
  noncompliance: [
    'admin_dinsos',
    'operator_kecamatan',
    'operator_kelurahan',
    'pendamping',
    'koordinator',
    'auditor',
  ],
  recordNoncompliance: ['admin_dinsos', 'operator_kecamatan', 'operator_kelurahan', 'pendamping'],
} as const satisfies Record<string, readonly Role[]>;

export type Access = keyof typeof ACCESS;

export function can(role: Role | undefined, access: Access): boolean {
  return role !== undefined && (ACCESS[access] as readonly Role[]).includes(role);
}

/** Region levels a role may be assigned to (server: ROLE_REGION_LENGTHS). */
export const ROLE_LEVELS: Record<Role, readonly RegionLevel[]> = {
  admin_dinsos: ['kabupaten'],
  auditor: ['kabupaten'],
  koordinator: ['kabupaten', 'kecamatan'],
  operator_kecamatan: ['kecamatan'],
  operator_kelurahan: ['desa'],
  pendamping: ['kecamatan', 'desa'],
  ewarong: ['desa'],
};

export const MIN_PASSWORD_LENGTH = 10;
