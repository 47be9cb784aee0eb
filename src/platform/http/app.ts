import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { allocationRoutes } from '../../modules/allocations/routes';
import { auditRoutes } from '../../modules/audit/routes';
import { authRoutes } from '../../modules/auth/routes';
import { disbursementRoutes } from '../../modules/disbursements/routes';
import { jobsRoutes } from '../../modules/jobs/routes';
import { programsRoutes } from '../../modules/programs/routes';
import { reconciliationReportRoutes } from '../../modules/reconciliation/report-routes';
import { reconciliationRoutes } from '../../modules/reconciliation/routes';
import { regionsRoutes } from '../../modules/regions/routes';
import { registryImportRoutes } from '../../modules/registry/import/routes';
import { personRoutes } from '../../modules/registry/person-routes';
import { qualityRoutes } from '../../modules/registry/quality-routes';
import { registryRoutes } from '../../modules/registry/routes';
import { syncRoutes } from '../../modules/sync/routes';
import { targetingRoutes } from '../../modules/targeting/routes';
import { usersRoutes } from '../../modules/users/routes';
import { usulanRoutes } from '../../modules/usulan/routes';
import type { Services } from '../services';
import { registerAuditorReadLog } from './auditor-read-log';
import { registerAuthHook } from './auth-hook';
import { registerErrorHandler } from './error-handler';
import { healthRoutes } from './health-routes';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export interface AppOptions {
  logger?: boolean;
  /** Serve the built web app from web/dist when it exists (default true). */
  serveWeb?: boolean;
}

export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          // Query strings may carry search terms (names, numbers): log the path only.
          serializers: { req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }) },
        }
      : false,
    bodyLimit: services.config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: process.env.SALUR_TRUST_PROXY === '1',
  }).withTypeProvider<ZodTypeProvider>();

  // Uploads arrive as the raw file: handed to the route as a stream, never buffered whole.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Salur API',
        version: '0.1.0',
        description:
          'API Salur. Peramban memakai cookie sesi + header X-CSRF-Token; klien mesin memakai `Authorization: Bearer salur_…`. ' +
          'Semua galat berbentuk `{ error: { code, message, details, requestId } }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'salur_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandler(app);
  registerAuthHook(app, services);
  registerAuditorReadLog(app, services);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes, { services });
  await app.register(authRoutes, { services });
  await app.register(usersRoutes, { services });
  await app.register(regionsRoutes, { services });
  await app.register(auditRoutes, { services });
  await app.register(jobsRoutes, { services });
  await app.register(registryRoutes, { services });
  await app.register(registryImportRoutes, { services });
  await app.register(usulanRoutes, { services });
  await app.register(personRoutes, { services });
  await app.register(qualityRoutes, { services });
  await app.register(syncRoutes, { services });
  await app.register(allocationRoutes, { services });
  await app.register(disbursementRoutes, { services });
  await app.register(programsRoutes, { services });
  await app.register(reconciliationRoutes, { services });
  await app.register(reconciliationReportRoutes, { services });
  await app.register(targetingRoutes, { services });

  const serveWeb = options.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/pengguna, /audit, …) all load the single page.
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/'))
      return reply.sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: 'Alamat tidak ditemukan.', requestId: request.id } });
  });
  return app;
}
