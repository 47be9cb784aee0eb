import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses } from '../../platform/http/schemas';
import { redactError } from '../../platform/redact';
import type { Services } from '../../platform/services';
import {
  EnrolmentBody,
  EnrolmentResult,
  ExclusionFilter,
  ExclusionList,
  ExclusionQuery,
  InclusionFilter,
  InclusionList,
  InclusionQuery,
  TargetingPeriodParams,
} from './schemas';
import type { TargetingQuery } from './service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const targetingRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { targeting, regions } = services;

  const canonicalRegion = async (code: string | undefined) =>
    code ? (await regions.get(code)).code : undefined;

  async function queryOf(
    params: { program: string; period: string },
    filter: { regionCode?: string | undefined } & Omit<TargetingQuery, 'program' | 'period' | 'regionCode'>,
  ): Promise<TargetingQuery> {
    return {
      ...filter,
      program: params.program,
      period: params.period,
      regionCode: await canonicalRegion(filter.regionCode),
    };
  }

  app.get(
    '/api/programs/:program/periods/:period/targeting/inclusion',
    {
      schema: {
        tags: ['targeting'],
        summary:
          'Kandidat kesalahan inklusi: baris alokasi dengan alasannya, per desa/kelurahan (NIK tersamar)',
        params: TargetingPeriodParams,
        querystring: InclusionQuery,
        response: { 200: InclusionList, ...errorResponses },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return targeting.inclusion(requireActor(request), await queryOf(request.params, filter), {
        page,
        pageSize,
      });
    },
  );

  app.get(
    '/api/programs/:program/periods/:period/targeting/exclusion',
    {
      schema: {
        tags: ['targeting'],
        summary:
          'Kandidat kesalahan eksklusi: keluarga dalam batas desil, ada anggota hidup, tidak dialokasikan (NIK tersamar)',
        params: TargetingPeriodParams,
        querystring: ExclusionQuery,
        response: { 200: ExclusionList, ...errorResponses },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return targeting.exclusion(requireActor(request), await queryOf(request.params, filter), {
        page,
        pageSize,
      });
    },
  );

  for (const kind of ['inclusion', 'exclusion'] as const) {
    app.get(
      `/api/programs/:program/periods/:period/targeting/${kind}/export.xlsx`,
      {
        schema: {
          tags: ['targeting'],
          summary: `Unduh daftar kesalahan ${kind === 'inclusion' ? 'inklusi' : 'eksklusi'} sebagai .xlsx (dalam wilayah Anda; dicatat di audit)`,
          params: TargetingPeriodParams,
          querystring: kind === 'inclusion' ? InclusionFilter : ExclusionFilter,
          produces: [XLSX],
          response: { 200: z.unknown().describe('Berkas .xlsx (biner)'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const exporter = await targeting.openExport(
          requireActor(request),
          kind,
          await queryOf(request.params, request.query as TargetingQuery),
        );
        const out = new PassThrough();
        exporter.write(out).catch((error: unknown) => {
          request.log.error({ err: redactError(error) }, 'targeting export failed');
          out.destroy(error as Error);
        });
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="${exporter.fileName}"`)
          .send(out);
      },
    );
  }

  app.post(
    '/api/programs/:program/periods/:period/enrolments',
    {
      schema: {
        tags: ['targeting'],
        summary:
          'Daftarkan keluarga dari daftar kesalahan eksklusi ke program daerah dalam sisa pagu (pratinjau dengan dryRun: true)',
        description:
          ':program adalah program daerah (LOCAL), :period periodenya. Urutan prioritas: desil terendah, anggota hidup terbanyak, lalu No. KK.',
        params: TargetingPeriodParams,
        body: EnrolmentBody,
        response: { 200: EnrolmentResult, ...errorResponses },
      },
    },
    async (request) => {
      const { program, period } = request.params;
      return targeting.enrol(requireActor(request), { ...request.body, local: program, period });
    },
  );
};
