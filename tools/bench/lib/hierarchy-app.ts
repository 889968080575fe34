/**
 * The hierarchy service as the integration tests start it (apps/hierarchy-service/test/support): in this
 * process, on a fresh database, listening on a loopback port, with the in-process bus and a token key pair of
 * its own.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import { SignJWT } from 'jose';
import { HierarchyModule } from '@steerco/hierarchy-service';
import { loadConfig, platformVariables } from '@steerco/platform-config';
import { createProcessApp, MESSAGE_BUS } from '@steerco/platform-nest';
import type { MessageBus } from '@steerco/platform-messaging';
import { IdentityEvents } from '@steerco/platform-testing';
import { logger } from './hierarchy-support';

const ISSUER = 'steerco-bench';
const AUDIENCE = 'steerco-api';

export interface HierarchyApp {
  app: NestFastifyApplication;
  baseUrl: string;
  /** A valid bearer token of the bench user, good for a day. */
  token: string;
  /** Publishes identity events to the service (other users, their assignments). */
  identity: IdentityEvents;
  /** The bench user: an installation administrator, known to the service through identity events. */
  userId: string;
  /** Grants the bench user a role on a node, through an identity event (a PMO admin can do everything measured). */
  grant(roleId: string, nodeId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the service on `databaseUrl` (it migrates its schema on start). No KAFKA_BROKERS: the in-process bus,
 * and the outbox relay runs as in production (LISTEN/NOTIFY, its own pool of 2).
 */
export async function startHierarchyApp(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<HierarchyApp> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const config = loadConfig(platformVariables, {
    STEERCO_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    AUTH_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    ...env,
  });
  const app = await createProcessApp(
    { processName: 'hierarchy-bench', services: [HierarchyModule] },
    config,
    logger,
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const identity = new IdentityEvents(app.get<MessageBus>(MESSAGE_BUS));
  const userId = await identity.user(randomUUID(), { platformAdmin: true });
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', kid: 'bench-1' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + 86_400)
    .sign(privateKey);
  return {
    app,
    baseUrl: await app.getUrl(),
    token,
    identity,
    userId,
    grant: async (roleId, nodeId) => void (await identity.grant(userId, roleId, nodeId)),
    close: () => app.close(),
  };
}

/** The bench user gets `roleId` on the generated tree's organization, as an administrator would grant it. */
export async function grantOnOrganization(pool: Pool, app: HierarchyApp, roleId: string): Promise<void> {
  const { rows } = await pool.query<{ id: string }>(
    `select id from hierarchy.node where level = 'organization'`,
  );
  for (const row of rows) await app.grant(roleId, row.id);
}
