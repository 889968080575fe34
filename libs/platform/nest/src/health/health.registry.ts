import { Injectable } from '@nestjs/common';

export type HealthCheck = () => Promise<boolean>;

/** Dependencies (databases, the bus) register here; readiness is their conjunction. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private draining = false;

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** Called when shutdown starts: readiness fails first, so load balancers stop sending traffic. */
  startDraining(): void {
    this.draining = true;
  }

  async readiness(): Promise<{ ready: boolean; checks: Record<string, 'up' | 'down'> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        const up = await Promise.race([
          check().catch(() => false),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
        ]);
        return [name, up ? 'up' : 'down'] as const;
      }),
    );
    const checks = Object.fromEntries(entries);
    return { ready: !this.draining && entries.every(([, s]) => s === 'up'), checks };
  }
}
