import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const SEALED = 'aes256gcm.v1';
const PLAIN = 'plain';

/**
 * Encrypts secrets kept in the database (signing keys, TOTP secrets) with IDENTITY_KEY_ENCRYPTION_KEY:
 * AES-256-GCM, a fresh 96-bit nonce per value, and the row's identity as associated data, so a sealed value
 * copied onto another row does not open. Without a key (development and test only; production refuses to
 * start) values are stored marked `plain.`, and a key set later seals everything written from then on.
 */
export class SecretBox {
  constructor(private readonly key: Buffer | undefined) {}

  get encrypts(): boolean {
    return this.key !== undefined;
  }

  seal(plaintext: string, context: string): string {
    if (!this.key) return `${PLAIN}.${Buffer.from(plaintext).toString('base64url')}`;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [SEALED, nonce, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string, context: string): string {
    const [format, ...parts] = sealed.split('.');
    if (format === PLAIN) return Buffer.from(parts[0], 'base64url').toString('utf8');
    if (`${format}.${parts[0]}` !== SEALED) throw new Error('unknown sealed-secret format');
    if (!this.key) throw new Error('a sealed secret needs IDENTITY_KEY_ENCRYPTION_KEY to be opened');
    const [nonce, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  }
}
