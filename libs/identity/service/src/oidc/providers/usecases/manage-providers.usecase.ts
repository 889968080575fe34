import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectUnitOfWork, PlatformErrors } from '@steerco/platform-nest';
import type { TransactionScope, UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../../identity.config';
import { IDENTITY_SCHEMA } from '../../../identity.constants';
import { SecretBox } from '../../../security/secret-box';
import { OidcErrors } from '../../oidc.errors';
import type { CreateProviderInput, ProviderResponse, UpdateProviderInput } from '../dto/oidc-provider.dto';
import { assertIssuerAcceptable } from '../issuer-policy';
import { OidcProviderRepository, type OidcProviderRecord } from '../oidc-provider.repository';
import { auditedFields, clientSecretContext, toProviderResponse } from '../provider.mapper';

/** openid is what makes the request an OpenID Connect one (and brings the ID token): always present, first. */
export function normalizeScopes(scopes: string[]): string[] {
  return ['openid', ...new Set(scopes.filter((s) => s !== 'openid'))];
}

/** Create, change and delete providers; each change is audited with the secret shown only as "changed". */
@Injectable()
export class ManageProvidersUseCase {
  private readonly box: SecretBox;

  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {
    this.box = new SecretBox(config.IDENTITY_KEY_ENCRYPTION_KEY);
  }

  create(input: CreateProviderInput): Promise<ProviderResponse> {
    assertIssuerAcceptable(input.issuerUrl, this.config.STEERCO_ENV);
    return this.uow.run(async (tx) => {
      const now = new Date();
      const id = randomUUID();
      const provider: OidcProviderRecord = {
        id,
        displayName: input.displayName,
        issuerUrl: input.issuerUrl,
        clientId: input.clientId,
        sealedClientSecret: this.box.seal(input.clientSecret, clientSecretContext(id)),
        scopes: normalizeScopes(input.scopes),
        groupClaim: input.groupClaim,
        enabled: input.enabled,
        version: 1,
        createdAt: now,
        updatedAt: now,
        createdBy: tx.context.actor,
        updatedBy: tx.context.actor,
      };
      await new OidcProviderRepository(tx.sql, IDENTITY_SCHEMA).insert(provider);
      audit(tx, id, 'created', {}, { ...auditedFields(provider), clientSecret: 'set' });
      return toProviderResponse(provider, this.config.IDENTITY_PUBLIC_URL);
    });
  }

  update(id: string, expectedVersion: number, input: UpdateProviderInput): Promise<ProviderResponse> {
    if (input.issuerUrl !== undefined) assertIssuerAcceptable(input.issuerUrl, this.config.STEERCO_ENV);
    return this.uow.run(async (tx) => {
      const providers = new OidcProviderRepository(tx.sql, IDENTITY_SCHEMA);
      const before = await providers.findForUpdate(id);
      if (!before) throw OidcErrors.OIDC_PROVIDER_NOT_FOUND();
      if (before.version !== expectedVersion) {
        throw PlatformErrors.VERSION_CONFLICT(`The provider is at version ${before.version}.`);
      }
      const { clientSecret, scopes, ...fields } = input;
      const after: OidcProviderRecord = {
        ...before,
        ...fields,
        scopes: scopes ? normalizeScopes(scopes) : before.scopes,
        sealedClientSecret:
          clientSecret === undefined
            ? before.sealedClientSecret
            : this.box.seal(clientSecret, clientSecretContext(id)),
        version: before.version + 1,
        updatedAt: new Date(),
        updatedBy: tx.context.actor,
      };
      await providers.update(after);
      audit(tx, id, 'updated', auditedFields(before), {
        ...auditedFields(after),
        ...(clientSecret === undefined ? {} : { clientSecret: 'replaced' }),
      });
      return toProviderResponse(after, this.config.IDENTITY_PUBLIC_URL);
    });
  }

  /** Refused once someone signed in through it: their identities and the audit trail still point at it. */
  delete(id: string): Promise<void> {
    return this.uow.run(async (tx) => {
      const providers = new OidcProviderRepository(tx.sql, IDENTITY_SCHEMA);
      const provider = await providers.findForUpdate(id);
      if (!provider) throw OidcErrors.OIDC_PROVIDER_NOT_FOUND();
      if (await providers.hasLinkedIdentities(id)) throw OidcErrors.OIDC_PROVIDER_IN_USE();
      await providers.delete(id);
      audit(tx, id, 'deleted', auditedFields(provider), {});
    });
  }
}

function audit(
  tx: TransactionScope,
  providerId: string,
  action: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): void {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [b, a] = [before[field] ?? null, after[field] ?? null];
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[field] = { before: b, after: a };
  }
  tx.audit({ objectType: 'oidc-provider', objectId: providerId, action, changes });
}
