import type { Schemas } from '../../api/client';
import { periodApiPath, uploadFile } from '../../lib/uploadFile';

export type Job = Schemas['Job'];

/**
 * Sends an allocation file as the raw request body; the server checks programme, period, the
 * same file imported before and the columns at once, then answers with the job (202).
 * With upload progress (lib/uploadFile).
 */
export function uploadAllocationFile(
  target: { program: string; period: string },
  file: File,
  options: {
    channel?: string | undefined;
    sheet?: string | undefined;
    map?: string | undefined;
    onProgress?: (fraction: number) => void;
  },
): Promise<Job> {
  const query = new URLSearchParams({ fileName: file.name });
  if (options.channel) query.set('channel', options.channel);
  if (options.sheet) query.set('sheet', options.sheet);
  if (options.map) query.set('map', options.map);
  const url = `${periodApiPath(target.program, target.period)}/allocation-imports?${query.toString()}`;
  return uploadFile<Job>(url, file, options);
}

export function rejectedAllocationsUrl(importId: number, format: 'csv' | 'xlsx'): string {
  return `/api/allocation-imports/${importId}/rejected.${format}`;
}

export const CHANNELS = ['BRI', 'BNI', 'MANDIRI', 'BTN', 'BSI', 'POS'] as const;
export const FLAGS = ['NIK_NOT_IN_REGISTRY', 'NIK_INVALID', 'KK_MISMATCH', 'AMOUNT_MISMATCH'] as const;

export const channelLabel = (channel: string) => (channel === 'POS' ? 'PT Pos' : channel);

/** The import summary the job returns (src/modules/allocations/import-service.ts). */
export interface AllocationImportSummary {
  importId: number;
  program: string;
  period: string;
  fileName: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  flaggedByReason: Record<string, number>;
  alreadyAllocatedInPeriod: number;
  reportLinesLinked?: number;
  linked: number;
  households: number;
  totalAmount: number;
  expectedAmount: number;
  ignoredColumns: string[];
}
