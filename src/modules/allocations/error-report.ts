import { rejectionReport } from '../../platform/files/rejection-report';
import { ALLOCATION_FIELD_LABELS } from './fields';
import { ALLOCATION_REJECTION_MESSAGES } from './reasons';

/** The rejected lines of an allocation import, in the shared layout (platform/files/rejection-report). */
export const {
  csv: writeAllocationRejectionsCsv,
  xlsx: writeAllocationRejectionsXlsx,
  files: writeAllocationRejectionFiles,
} = rejectionReport({
  imports: 'allocation_import',
  rejections: 'allocation_import_rejection',
  importColumn: 'import_id',
  entity: 'Impor alokasi',
  reasonMessages: ALLOCATION_REJECTION_MESSAGES,
  fieldLabels: ALLOCATION_FIELD_LABELS,
});
