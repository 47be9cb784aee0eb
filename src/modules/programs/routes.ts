import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses, IdParams, OkResponse, PageQuery } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import { presentNoncompliance, presentPeriod, presentProgram, presentRule } from './presenter';
import {
  BenefitRuleList,
  CreateNoncomplianceBody,
  CreateProgramBody,
  Noncompliance,
  NoncomplianceList,
  NoncomplianceParams,
  PeriodParams,
  ProgramCodeParams,
  ProgramList,
  ProgramPeriodDetail,
  ProgramSummary,
  SetRuleBody,
  SetRuleResult,
  UpdateProgramBody,
} from './schemas';

export const programsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { programs, noncompliance } = services;
  const tags = ['programs'];

  app.get(
    '/api/programs',
    {
      schema: {
        tags,
        summary: 'Program dan periodenya, dengan angka alokasi dalam wilayah Anda',
        response: { 200: ProgramList, ...errorResponses },
      },
    },
    async (request) => {
      const items = await programs.list(requireActor(request));
      return {
        items: items.map(({ program, periods }) => ({
          ...presentProgram(program),
          periods: periods.map(presentPeriod),
        })),
      };
    },
  );

  app.post(
    '/api/programs',
    {
      schema: {
        tags,
        summary: 'Buat program daerah (APBD) dengan pagu dan nilai per KPM (admin Dinsos)',
        body: CreateProgramBody,
        response: { 201: ProgramSummary, ...errorResponses },
      },
    },
    async (request, reply) => {
      const program = await programs.createLocal(requireActor(request), request.body);
      reply.status(201);
      return { ...presentProgram(program), periods: [] };
    },
  );

  app.get(
    '/api/programs/:program',
    {
      schema: {
        tags,
        summary: 'Satu program dan periodenya',
        params: ProgramCodeParams,
        response: { 200: ProgramSummary, ...errorResponses },
      },
    },
    async (request) => {
      const { program, periods } = await programs.get(requireActor(request), request.params.program);
      return { ...presentProgram(program), periods: periods.map(presentPeriod) };
    },
  );

  app.patch(
    '/api/programs/:program',
    {
      schema: {
        tags,
        summary: 'Ubah nama, pagu atau nilai per KPM program daerah (admin Dinsos, tercatat di audit)',
        params: ProgramCodeParams,
        body: UpdateProgramBody,
        response: { 200: ProgramSummary, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await programs.update(actor, request.params.program, request.body);
      const { program, periods } = await programs.get(actor, request.params.program);
      return { ...presentProgram(program), periods: periods.map(presentPeriod) };
    },
  );

  app.get(
    '/api/programs/:program/periods/:period',
    {
      schema: {
        tags,
        summary: 'Kepala halaman periode: status dan angka dalam wilayah Anda (404 bila belum ada alokasi)',
        params: PeriodParams,
        response: { 200: ProgramPeriodDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { program, period, row } = await programs.getPeriod(
        requireActor(request),
        request.params.program,
        request.params.period,
      );
      return {
        program: presentProgram(program),
        period: { ...presentPeriod(row), kind: period.kind, start: period.start, end: period.end },
      };
    },
  );

  app.get(
    '/api/programs/:program/rules',
    {
      schema: {
        tags,
        summary: 'Aturan manfaat program: nilai kini, riwayat dan yang akan berlaku, dengan dasarnya',
        params: ProgramCodeParams,
        response: { 200: BenefitRuleList, ...errorResponses },
      },
    },
    async (request) => {
      const { program, rows, keys, today } = await programs.rules(
        requireActor(request),
        request.params.program,
      );
      return {
        program: presentProgram(program),
        today,
        keys: keys.map(({ key, unit, min, max }) => ({ key, unit, min, max })),
        items: rows.map((row) => presentRule(row, today)),
      };
    },
  );

  app.post(
    '/api/programs/:program/rules',
    {
      schema: {
        tags,
        summary:
          'Tetapkan nilai aturan baru mulai suatu tanggal; nilai sebelumnya berakhir di tanggal itu (admin Dinsos)',
        params: ProgramCodeParams,
        body: SetRuleBody,
        response: { 201: SetRuleResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { row, previous } = await programs.setRule(
        requireActor(request),
        request.params.program,
        request.body,
      );
      const today = programs.today();
      reply.status(201);
      return {
        rule: presentRule(row, today),
        previous: previous ? presentRule(previous, today) : null,
      };
    },
  );

  app.get(
    '/api/programs/:program/periods/:period/noncompliance',
    {
      schema: {
        tags,
        summary: 'Keluarga yang tidak memenuhi komitmen PKH pada periode ini, dalam wilayah Anda',
        params: PeriodParams,
        querystring: PageQuery,
        response: { 200: NoncomplianceList, ...errorResponses },
      },
    },
    async (request) => {
      const { program, period } = request.params;
      const { rows, total } = await noncompliance.list(requireActor(request), program, period, request.query);
      return { items: rows.map(presentNoncompliance), total };
    },
  );

  app.post(
    '/api/programs/:program/periods/:period/noncompliance',
    {
      schema: {
        tags,
        summary: 'Catat komitmen PKH yang tidak dipenuhi (potongan sanksi pada pemeriksaan nominal)',
        params: PeriodParams,
        body: CreateNoncomplianceBody,
        response: { 201: Noncompliance, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { program, period } = request.params;
      const row = await noncompliance.record(requireActor(request), program, period, request.body);
      reply.status(201);
      return presentNoncompliance(row);
    },
  );

  app.delete(
    '/api/programs/:program/periods/:period/noncompliance/:id',
    {
      schema: {
        tags,
        summary: 'Hapus catatan komitmen yang keliru (admin Dinsos, tercatat di audit)',
        params: NoncomplianceParams,
        response: { 200: OkResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { program, period, id } = request.params;
      await noncompliance.remove(requireActor(request), program, period, id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/households/:id/noncompliance',
    {
      schema: {
        tags,
        summary: 'Catatan komitmen PKH yang tidak dipenuhi oleh satu keluarga, semua periode',
        params: IdParams,
        response: { 200: NoncomplianceList, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await noncompliance.listForHousehold(requireActor(request), request.params.id);
      return { items: rows.map(presentNoncompliance), total: rows.length };
    },
  );
};
