import type { Schemas } from '../../api/client';
import { periodApiPath, uploadFile } from '../../lib/uploadFile';

export type Job = Schemas['Job'];

/**
 * Sends a channel report as the raw request body; the server checks programme, period,
 * channel, the same file imported before and the columns at once, then answers with the job.
 * With upload progress (lib/uploadFile).
 */
export function uploadDisbursementReport(
  target: { program: string; period: string; channel: string },
  file: File,
  options: {
    sheet?: string | undefined;
    /** Extra column mapping, `KOLOM=bidang` pairs separated by commas (the CLI's --map). */
    map?: string | undefined;
    onProgress?: (fraction: number) => void;
  },
): Promise<Job> {
  const query = new URLSearchParams({ channel: target.channel, fileName: file.name });
  if (options.sheet) query.set('sheet', options.sheet);
  if (options.map) query.set('map', options.map);
  const url = `${periodApiPath(target.program, target.period)}/disbursement-reports?${query.toString()}`;
  return uploadFile<Job>(url, file, options);
}

export function rejectedLinesUrl(
  program: string,
  period: string,
  reportId: number,
  format: 'csv' | 'xlsx',
): string {
  return `${periodApiPath(program, period)}/disbursement-reports/${reportId}/rejected.${format}`;
}

export const CHANNELS = ['BRI', 'BNI', 'MANDIRI', 'BTN', 'BSI', 'POS'] as const;
