import { Anchor, Button, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifications';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { EVIDENCE_TYPES, formatBytes, MAX_EVIDENCE_BYTES } from './labels';

type Evidence = Schemas['UsulanEvidence'];
type EvidenceType = 'image/jpeg' | 'image/png' | 'application/pdf';

interface Props {
  usulanId: number;
  evidence: Evidence[];
  canAdd: boolean;
  onAdded: () => void;
}

/**
 * Evidence files: the list with downloads and, while the proposal is DIAJUKAN, an upload.
 * The browser's idea of the type and the size are checked first for a quick message; the server
 * checks the bytes themselves (an .exe renamed to .pdf is refused there with EVIDENCE_TYPE).
 */
export function EvidencePanel({ usulanId, evidence, canAdd, onAdded }: Props) {
  const { t, language } = useI18n();
  const notify = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  function choose(chosen: File | null) {
    setFile(chosen);
    setFailure(null);
    if (chosen && !EVIDENCE_TYPES.includes(chosen.type)) setProblem(t('usulan.evidence.badType'));
    else if (chosen && chosen.size > MAX_EVIDENCE_BYTES)
      setProblem(t('usulan.evidence.tooLarge', { size: formatBytes(chosen.size) }));
    else setProblem(null);
  }

  async function send() {
    if (!file || problem) return;
    setSending(true);
    setFailure(null);
    try {
      await unwrap(
        api.POST('/api/usulan/{id}/evidence', {
          params: { path: { id: usulanId }, query: { fileName: file.name } },
          // The raw file is the body; its type header says which of the three it claims to be.
          body: file as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'Content-Type': file.type as EvidenceType },
        }),
      );
      setFile(null);
      notify({ color: 'green', message: t('usulan.evidence.uploaded') });
      onAdded();
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  }

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('usulan.evidence.title')}
        </Title>
        {evidence.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('usulan.detail.noEvidence')}
          </Text>
        ) : (
          <Table verticalSpacing="xs" data-testid="usulan-evidence">
            <Table.Tbody>
              {evidence.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.fileName}</Table.Td>
                  <Table.Td>{formatBytes(e.sizeBytes)}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {e.uploadedByName} · {formatDateTime(e.uploadedAt, language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor href={`/api/usulan/evidence/${e.id}`} download={e.fileName} size="sm">
                      {t('usulan.evidence.download')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canAdd ? (
          <Group align="flex-end">
            <FileInput
              label={t('usulan.evidence.file')}
              accept={EVIDENCE_TYPES.join(',')}
              value={file}
              onChange={choose}
              error={problem}
              clearable
              w={{ base: '100%', sm: 360 }}
              data-testid="usulan-evidence-file"
            />
            <Button onClick={() => void send()} loading={sending} disabled={!file || Boolean(problem)}>
              {t('usulan.evidence.upload')}
            </Button>
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            {t('usulan.evidence.closed')}
          </Text>
        )}
        <ErrorAlert error={failure} />
      </Stack>
    </Paper>
  );
}
