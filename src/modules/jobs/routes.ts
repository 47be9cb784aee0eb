import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/auth-hook';
import { errorResponses, IdParams } from '../../platform/http/schemas';
import type { Services } from '../../platform/services';
import type { JobProgress } from './events';
import { JobSchema, presentJob } from './schemas';
import { toProgress } from './service';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

export const jobsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { jobs, database } = services;

  app.get(
    '/api/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Pekerjaan terbaru (milik sendiri; admin/auditor: semua)',
        response: { 200: z.object({ items: z.array(JobSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await jobs.list(requireActor(request))).map(presentJob) }),
  );

  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Status satu pekerjaan',
        params: IdParams,
        response: { 200: JobSchema, ...errorResponses },
      },
    },
    async (request) => presentJob(await jobs.get(requireActor(request), request.params.id)),
  );

  app.get(
    '/api/jobs/:id/events',
    {
      schema: {
        tags: ['jobs'],
        summary:
          'Kemajuan pekerjaan sebagai Server-Sent Events (event: progress, data: JSON); berakhir saat selesai',
        params: IdParams,
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const job = await jobs.get(requireActor(request), request.params.id);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-request-id': request.id,
      });
      let closed = false;
      const send = (progress: JobProgress) => {
        if (closed) return;
        res.write(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);
        if (TERMINAL.has(progress.state)) finish();
      };
      const unsubscribe = jobs.events.subscribe(job.id, send);
      // Jobs run by another process (PostgreSQL deployments) are followed through their row.
      const poll =
        database.kind === 'postgres'
          ? setInterval(() => {
              jobs.get(request.actor!, job.id).then(
                (row) => send(toProgress(row)),
                () => {},
              );
            }, 1000)
          : undefined;
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      function finish() {
        if (closed) return;
        closed = true;
        unsubscribe();
        if (poll) clearInterval(poll);
        clearInterval(keepAlive);
        res.end();
      }
      request.raw.on('close', finish);
      send(toProgress(job));
      // Read again after subscribing: a job that ended in between would otherwise never report.
      jobs.get(request.actor!, job.id).then((row) => send(toProgress(row)), finish);
    },
  );
};
