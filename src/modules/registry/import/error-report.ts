import { rejectionReport } from '../../../platform/files/rejection-report';
import { DTSEN_FIELD_LABELS } from './fields';
import { REJECTION_MESSAGES } from './reasons';

/** The rejected rows of a registry import, in the shared layout (platform/files/rejection-report). */
export const {
  csv: writeErrorReportCsv,
  xlsx: writeErrorReportXlsx,
  files: writeErrorReportFiles,
} = rejectionReport({
  imports: 'registry_import',
  rejections: 'registry_import_rejection',
  importColumn: 'import_id',
  entity: 'Impor',
  reasonMessages: REJECTION_MESSAGES,
  fieldLabels: DTSEN_FIELD_LABELS,
});
