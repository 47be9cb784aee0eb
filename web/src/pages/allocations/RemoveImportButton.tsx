import { Button } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useNotify } from '../../components/Notifications';
import { ReasonModal } from '../../components/ReasonModal';
import { useI18n } from '../../i18n';
import { formatNumber, formatRupiah } from '../../lib/format';

// As the server's REMOVE_REASON_MIN (src/modules/allocations/remove-import.ts).
const REASON_MIN = 10;

/**
 * Removes an allocation import made by mistake (admin, open period): asks why, then removes
 * its lines; the server refuses once a channel report matched one of them.
 */
export function RemoveImportButton({
  program,
  period,
  importId,
  fileName,
}: {
  program: string;
  period: string;
  importId: number;
  fileName: string | null;
}) {
  const { t, language } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/allocation-imports/{id}/remove', {
          params: { path: { id: importId } },
          body: { reason },
        }),
      ),
    onSuccess: (removed) => {
      setOpen(false);
      setReason('');
      notify({
        color: 'green',
        message: t('allocations.remove.done', {
          id: String(removed.importId),
          lines: formatNumber(removed.lines, language),
          amount: formatRupiah(removed.amount, language),
        }),
      });
      for (const queryKey of [
        ['allocation-imports', program, period],
        ['allocations', program, period],
        ['reconciliation', program, period],
        ['programs'],
        ['targeting'],
      ])
        void queryClient.invalidateQueries({ queryKey });
    },
  });

  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        color="red"
        onClick={() => setOpen(true)}
        data-testid={`allocation-import-remove-${importId}`}
      >
        {t('allocations.remove.button')}
      </Button>
      <ReasonModal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('allocations.remove.title', { id: String(importId) })}
        text={t('allocations.remove.text', { file: fileName ?? '—' })}
        reasonLabel={t('allocations.remove.reason')}
        min={REASON_MIN}
        tooShortText={t('allocations.remove.reasonShort', { min: String(REASON_MIN) })}
        reason={reason}
        onReasonChange={setReason}
        confirmLabel={t('allocations.remove.confirm')}
        color="red"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        testIdPrefix="allocation-import-remove"
      />
    </>
  );
}
