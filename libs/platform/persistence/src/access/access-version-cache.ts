import type { ChannelListener } from '@steerco/platform-messaging';
import type { AccessUser } from './access-directory';

export interface AccessVersionCacheOptions {
  /** Users kept at most; the oldest entry goes first. */
  maxEntries?: number;
}

/**
 * Users' status and access version in memory, so a request needs no query to learn them. It is trusted only
 * while LISTEN on the projection's change channel is in place (`accessChangeNotifySql`): every notification
 * forgets everything, a dropped connection turns the cache off until LISTEN is back, and a read that started
 * before a change cannot store the old answer after it (the generation check). A revocation therefore
 * applies once its commit's notification arrives, a few milliseconds at most; before, it applied at the
 * next request's query.
 */
export class AccessVersionCache {
  private readonly entries = new Map<string, AccessUser>();
  private readonly maxEntries: number;
  private generation = 0;
  private live = false;
  private stopListening?: () => Promise<void>;

  constructor(options: AccessVersionCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** Starts trusting the cache once `listener` listens; resolves when it does. */
  async start(listener: ChannelListener): Promise<void> {
    this.stopListening = await listener.listen({
      onNotify: () => this.forget(),
      onListening: () => {
        this.forget();
        this.live = true;
      },
      onLost: () => {
        this.live = false;
        this.forget();
      },
    });
  }

  async stop(): Promise<void> {
    this.live = false;
    this.forget();
    await this.stopListening?.();
  }

  /** The user from memory when the cache is live and knows them, else from `load` (remembered if active). */
  async user(
    userId: string,
    load: (userId: string) => Promise<AccessUser | undefined>,
  ): Promise<AccessUser | undefined> {
    if (this.live) {
      const known = this.entries.get(userId);
      if (known) return known;
    }
    const generation = this.generation;
    const user = await load(userId);
    // Unknown and inactive users are not remembered: a user created or enabled a moment ago must get in.
    if (user && user.status === 'active' && this.live && generation === this.generation) this.remember(user);
    return user;
  }

  private remember(user: AccessUser): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(user.id, user);
  }

  /** Forgets every user; their next request reads them again. */
  forget(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
