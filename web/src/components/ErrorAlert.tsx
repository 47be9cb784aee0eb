import { Alert, Button, List, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

/** The message to show for a failed call: the server's own (Bahasa Indonesia) message. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) return error.code === 'NETWORK' ? t('common.networkError') : error.message;
  return error instanceof Error ? error.message : String(error);
}

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A failed request, inline: message, field problems of VALIDATION_FAILED, and the request id. */
export function ErrorAlert({ error, title, onRetry }: ErrorAlertProps) {
  const { t } = useI18n();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="error-alert">
      <Text size="sm">{errorMessage(error, t)}</Text>
      {apiError && apiError.issues.length > 0 && (
        <List size="sm" mt="xs">
          {apiError.issues.map((issue) => (
            <List.Item key={`${issue.field}:${issue.message}`}>
              {issue.field}: {issue.message}
            </List.Item>
          ))}
        </List>
      )}
      {apiError?.requestId && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('common.requestId', { id: apiError.requestId })}
        </Text>
      )}
      {onRetry && (
        <Button size="xs" variant="light" color="red" mt="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
