import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import {
  eventSource,
  nodeArchivedV1,
  nodeCreatedV1,
  nodeMovedV1,
  toBusMessage,
  type EventDefinition,
  type NodeLevel,
  type NodeSnapshot,
} from '@steerco/contracts';
import type { MessageBus } from '@steerco/platform-messaging';
import { MESSAGE_BUS } from '@steerco/platform-nest';
import type { IdentityApp } from './identity-app';

/**
 * The hierarchy service, as far as identity can tell: real steerco.hierarchy.node.v1 events, published on the
 * process's bus exactly as the hierarchy's outbox relay publishes them. The in-process bus resolves a publish
 * once every subscribed group handled it, so the projection is up to date when these return.
 */
export class HierarchyEvents {
  constructor(private readonly t: IdentityApp) {}

  private get bus(): MessageBus {
    return this.t.app.get<MessageBus>(MESSAGE_BUS);
  }

  async publish(
    definition: EventDefinition,
    node: NodeSnapshot,
    extra: Record<string, unknown> = {},
    actor = 'hierarchy-test',
  ) {
    const message = toBusMessage(definition.topic.name, {
      specversion: '1.0',
      id: uuidv7(),
      source: eventSource('hierarchy'),
      type: definition.type,
      time: new Date().toISOString(),
      subject: node.id,
      datacontenttype: 'application/json',
      actor,
      correlationid: randomUUID(),
      aggregateversion: node.version,
      data: { node, ...extra },
    });
    await this.bus.publish([message]);
  }

  async create(
    level: NodeLevel,
    parent?: NodeSnapshot,
    title: string = level,
    actor?: string,
  ): Promise<NodeSnapshot> {
    const id = randomUUID();
    const node: NodeSnapshot = {
      id,
      key: `${level.toUpperCase()}-${id.slice(0, 4)}`,
      level,
      parentId: parent?.id ?? null,
      path: [...(parent?.path ?? []), id],
      title,
      description: null,
      ownerId: null,
      deputyId: null,
      sponsorId: null,
      controllerId: null,
      businessUnit: null,
      function: null,
      legalEntity: null,
      region: null,
      costCentre: null,
      measureKind: null,
      customerRef: null,
      tags: [],
      archived: false,
      version: 1,
    };
    await this.publish(nodeCreatedV1, node, {}, actor);
    return node;
  }

  /** Moves a node under another parent; as the hierarchy does, one event for the moved node only. */
  async move(node: NodeSnapshot, to: NodeSnapshot): Promise<NodeSnapshot> {
    const moved = { ...node, parentId: to.id, path: [...to.path, node.id], version: node.version + 1 };
    await this.publish(nodeMovedV1, moved, {
      fromParentId: node.parentId,
      toParentId: to.id,
      descendantsMoved: 0,
    });
    return moved;
  }

  async archive(node: NodeSnapshot): Promise<NodeSnapshot> {
    const archived = { ...node, archived: true, version: node.version + 1 };
    await this.publish(nodeArchivedV1, archived, { cascadeRootId: null });
    return archived;
  }
}
