import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AuditService } from '../../modules/audit/service';
import type { Actor } from '../auth/actor';
import { removeUpload, saveUpload } from '../files/uploads';

/**
 * The HTTP plumbing every file import shares (registry, allocations, channel reports): the raw
 * upload checked before a job is queued, and the rejected rows sent back as a download.
 */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/** The `:format` of a rejected-rows download and what the route may produce. */
export const RejectedFormat = z.enum(['csv', 'xlsx']);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const REJECTED_PRODUCES = ['text/csv', XLSX_TYPE];

/** `?map=header=field,header=field` as the list an import takes. */
export function mapQuery(map: string | undefined): string[] {
  return (map ?? '').split(',').filter((m) => m.trim() !== '');
}

/**
 * Saves the raw request body, then runs the checks that refuse a bad start with a 4xx rather than a
 * failed job (duplicate file, missing columns…). A refused upload is removed at once.
 */
export async function saveCheckedUpload(
  filesDir: string,
  body: unknown,
  fileName: string,
  check: (filePath: string) => Promise<unknown>,
) {
  const upload = await saveUpload(filesDir, body as NodeJS.ReadableStream, fileName);
  try {
    await check(upload.path);
  } catch (error) {
    removeUpload(filesDir, upload.id);
    throw error;
  }
  return upload;
}

export interface RejectedRowsDownload {
  requestId: string;
  entityType: string;
  id: number;
  format: z.output<typeof RejectedFormat>;
  /** The imported file's name: the download is `<name without extension>.ditolak.<format>`. */
  fileName: string;
  write: (out: NodeJS.WritableStream) => Promise<void>;
}

/** Records the export in the audit, then streams the rejected rows as an attachment. */
export async function sendRejectedRows(
  reply: FastifyReply,
  audit: AuditService,
  actor: Actor,
  download: RejectedRowsDownload,
): Promise<void> {
  const { format, id } = download;
  await audit.recordNow(actor, {
    action: `export.${format}`,
    entityType: download.entityType,
    entityId: id,
    details: { report: 'rejected-rows' },
  });
  const base = download.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_');
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
    'content-disposition': `attachment; filename="${base}.ditolak.${format}"`,
    'x-request-id': download.requestId,
  });
  await download.write(reply.raw);
}
