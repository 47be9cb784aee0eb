import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

interface ReasonModalProps {
  opened: boolean;
  title: string;
  text: string;
  reasonLabel: string;
  placeholder?: string;
  /** Shortest reason the server accepts (it checks too). */
  min: number;
  tooShortText: string;
  reason: string;
  onReasonChange: (reason: string) => void;
  confirmLabel: string;
  color: string;
  loading: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  /** `<prefix>-reason` and `<prefix>-confirm` for the browser tests. */
  testIdPrefix: string;
}

/** A ConfirmModal that asks why: for exceptions kept in the audit log with their reason. */
export function ReasonModal(props: ReasonModalProps) {
  const { t } = useI18n();
  const tooShort = props.reason.trim().length < props.min;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack>
        <Text size="sm">{props.text}</Text>
        <Textarea
          label={props.reasonLabel}
          placeholder={props.placeholder}
          value={props.reason}
          onChange={(event) => props.onReasonChange(event.currentTarget.value)}
          error={props.reason.length > 0 && tooShort ? props.tooShortText : undefined}
          required
          autosize
          minRows={2}
          data-testid={`${props.testIdPrefix}-reason`}
        />
        <ErrorAlert error={props.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={props.color}
            disabled={tooShort}
            loading={props.loading}
            onClick={props.onConfirm}
            data-testid={`${props.testIdPrefix}-confirm`}
          >
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
