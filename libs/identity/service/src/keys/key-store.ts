import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { JWK } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { activeKey, publishedKeys, rotationDue, type KeyRotationPolicy } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import { emSqlClient, type UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { SecretBox } from '../security/secret-box';
import { SigningKeyRepository, type StoredSigningKey } from './signing-key.repository';

export const SIGNING_ALGORITHM = 'EdDSA';
/** How long a signing key is reused from memory before the database is asked again (rotation, other replicas). */
const CACHE_MS = 60_000;

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/**
 * Ed25519 signing keys in the identity schema, private halves sealed with IDENTITY_KEY_ENCRYPTION_KEY. The
 * active key signs until it is older than the rotation period; the first replica to notice creates the next
 * one under an advisory lock. Retired keys stay in the JWKS while tokens they signed can be alive
 * (ADR 0008).
 */
@Injectable()
export class KeyStore {
  private readonly box: SecretBox;
  private readonly policy: KeyRotationPolicy;
  private cached?: { key: SigningKey; until: number };

  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
  ) {
    this.box = new SecretBox(config.IDENTITY_KEY_ENCRYPTION_KEY);
    this.policy = {
      rotateAfterMs: config.IDENTITY_SIGNING_KEY_ROTATION_DAYS * 86_400_000,
      // Twice the token lifetime plus an hour for clock skew and verifiers' JWKS caches.
      publishRetiredForMs: 2 * config.IDENTITY_ACCESS_TOKEN_TTL_SECONDS * 1000 + 3_600_000,
    };
  }

  async signingKey(now = new Date()): Promise<SigningKey> {
    if (this.cached && this.cached.until > now.getTime()) return this.cached.key;
    const stored = await this.activeOrRotated(now);
    const key = {
      kid: stored.kid,
      privateKey: createPrivateKey(this.box.open(stored.privateKey, `signing_key:${stored.kid}`)),
    };
    this.cached = { key, until: now.getTime() + CACHE_MS };
    return key;
  }

  /** The public keys verifiers need: the active one and recently retired ones. */
  async publicKeys(now = new Date()): Promise<JWK[]> {
    const sql = emSqlClient(this.uow.reader());
    const keys = await new SigningKeyRepository(sql, IDENTITY_SCHEMA).recent(this.retiredSince(now));
    return publishedKeys(keys, now, this.policy).map((k) => k.publicJwk);
  }

  /** Forces a new key now, whatever the age of the active one (tests, and an operator after a suspected leak). */
  async rotate(now = new Date()): Promise<string> {
    this.cached = undefined;
    return this.uow.run(async (tx) => {
      const keys = new SigningKeyRepository(tx.sql, IDENTITY_SCHEMA);
      await keys.lockRotation();
      return (await this.createKey(keys, now)).kid;
    });
  }

  private async activeOrRotated(now: Date): Promise<StoredSigningKey> {
    const sql = emSqlClient(this.uow.reader());
    const current = activeKey(
      await new SigningKeyRepository(sql, IDENTITY_SCHEMA).recent(this.retiredSince(now)),
    );
    if (current && !rotationDue(current, now, this.policy)) return current;
    return this.uow.run(async (tx) => {
      const keys = new SigningKeyRepository(tx.sql, IDENTITY_SCHEMA);
      await keys.lockRotation();
      // Another replica may have rotated while this one waited for the lock.
      const latest = activeKey(await keys.recent(this.retiredSince(now)));
      if (latest && !rotationDue(latest, now, this.policy)) return latest;
      return this.createKey(keys, now);
    });
  }

  private async createKey(keys: SigningKeyRepository, now: Date): Promise<StoredSigningKey> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    // Time-ordered, so a kid tells roughly when the key was made; never a dev- prefix.
    const kid = `ed25519-${uuidv7()}`;
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const stored: StoredSigningKey = {
      kid,
      algorithm: SIGNING_ALGORITHM,
      publicJwk: { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: SIGNING_ALGORITHM, use: 'sig' },
      privateKey: this.box.seal(pem, `signing_key:${kid}`),
      createdAt: now,
      retiredAt: null,
    };
    await keys.insert(stored);
    await keys.retireAllBut(kid, now);
    return stored;
  }

  private retiredSince(now: Date): Date {
    return new Date(now.getTime() - this.policy.publishRetiredForMs);
  }
}
