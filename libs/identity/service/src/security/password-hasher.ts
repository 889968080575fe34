import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 20 ms per hash here. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  /**
   * Verified instead of a real hash when the account does not exist or has no password, so the answer for an
   * unknown e-mail takes as long as for a wrong password: timing does not tell which accounts exist.
   */
  private readonly dummy = hash(randomBytes(32).toString('base64url'), OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(storedHash: string | null, password: string): Promise<boolean> {
    const target = storedHash ?? (await this.dummy);
    const matches = await verify(target, password).catch(() => false);
    return storedHash !== null && matches;
  }
}
