import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import {
  assignmentGrantedV1,
  assignmentRevokedV1,
  eventSource,
  roleCreatedV1,
  toBusMessage,
  userCreatedV1,
  userDisabledV1,
  type AssignmentSnapshot,
  type BusMessage,
  type CloudEvent,
  type CustomRoleSnapshot,
  type EventDefinition,
  type UserSnapshot,
} from '@steerco/contracts';
import { waitFor } from './wait';
import type { Client } from 'pg';

/**
 * Publishes identity events to a service under test, as the identity service would: through the bus and
 * the service's own consumer, never by writing its projection tables. With the in-process bus, `publish`
 * resolves once the consumer has committed the change; over Kafka, pass a connection to the service's
 * database (and its schema) and each call waits until the projection shows it.
 */
export class IdentityEvents {
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly bus: { publish(messages: BusMessage[]): Promise<void> },
    private readonly projection?: { client: Client; schema: string },
  ) {}

  async user(
    id: string = randomUUID(),
    overrides: Partial<UserSnapshot> = {},
    definition: EventDefinition = userCreatedV1,
  ): Promise<string> {
    const user: UserSnapshot = {
      id,
      email: `${id}@example.test`,
      displayName: `User ${id.slice(0, 8)}`,
      status: 'active',
      locale: 'en-GB',
      timeZone: 'Europe/Berlin',
      mfaEnrolled: true,
      mfaRequired: false,
      platformAdmin: false,
      version: this.next(id),
      ...overrides,
    };
    await this.publish(definition, id, user.version, { user });
    await this.settled('access_user', 'id = $1 and status = $2', [id, user.status]);
    return id;
  }

  disable(id: string): Promise<string> {
    return this.user(id, { status: 'disabled' }, userDisabledV1);
  }

  async grant(userId: string, roleId: string, nodeId: string, validUntil: string | null = null) {
    const assignment: AssignmentSnapshot = { id: uuidv7(), userId, roleId, nodeId, validUntil, version: 1 };
    await this.publish(assignmentGrantedV1, userId, this.next(userId), { assignment });
    await this.settled('access_assignment', 'id = $1', [assignment.id]);
    return assignment;
  }

  async revoke(assignment: AssignmentSnapshot): Promise<void> {
    await this.publish(assignmentRevokedV1, assignment.userId, this.next(assignment.userId), {
      assignment: { ...assignment, version: assignment.version + 1 },
    });
  }

  async customRole(role: Omit<CustomRoleSnapshot, 'version'>): Promise<void> {
    await this.publish(roleCreatedV1, role.id, 1, { role: { ...role, version: 1 } });
  }

  private async settled(table: string, where: string, params: unknown[]): Promise<void> {
    const projection = this.projection;
    if (!projection) return;
    const query = `select 1 from "${projection.schema}".${table} where ${where}`;
    await waitFor(
      async () => (await projection.client.query(query, params)).rowCount === 1,
      `the projection to show: ${query} ${JSON.stringify(params)}`,
    );
  }

  private next(key: string): number {
    const version = (this.versions.get(key) ?? 0) + 1;
    this.versions.set(key, version);
    return version;
  }

  private async publish(definition: EventDefinition, subject: string, version: number, data: unknown) {
    const event: CloudEvent = {
      specversion: '1.0',
      id: uuidv7(),
      source: eventSource('identity'),
      type: definition.type,
      time: new Date().toISOString(),
      subject,
      datacontenttype: 'application/json',
      actor: 'identity-test',
      correlationid: randomUUID(),
      aggregateversion: version,
      data: definition.schema.parse(data),
    };
    await this.bus.publish([toBusMessage(definition.topic.name, event)]);
  }
}
