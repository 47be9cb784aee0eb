import { rejectionReport } from '../../platform/files/rejection-report';
import { DISBURSEMENT_FIELD_LABELS } from './fields';
import { DISBURSEMENT_REJECTION_MESSAGES } from './reasons';

/** The rejected lines of a channel report, in the shared layout (platform/files/rejection-report). */
export const {
  csv: writeErrorReportCsv,
  xlsx: writeErrorReportXlsx,
  files: writeErrorReportFiles,
} = rejectionReport({
  imports: 'disbursement_report',
  rejections: 'disbursement_report_rejection',
  importColumn: 'report_id',
  entity: 'Laporan penyaluran',
  reasonMessages: DISBURSEMENT_REJECTION_MESSAGES,
  fieldLabels: DISBURSEMENT_FIELD_LABELS,
});
