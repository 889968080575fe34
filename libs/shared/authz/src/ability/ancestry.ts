import type { AuthzObject } from './ability.types';

/**
 * Where an object sits in the tree: the node ids from the organization down to the node the object is or
 * hangs on. A grant on node N covers an object when N is on that path. `undefined` means unknown: denied.
 */
export interface Ancestry {
  pathOf(object: AuthzObject): readonly string[] | undefined;
}

function isIdArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.length > 0 && value.every((id) => typeof id === 'string' && id !== '');
}

/** Reads the object's own `path` (an array of ids, as the API and the events publish it). */
export const objectPathAncestry: Ancestry = {
  pathOf: (object) => (isIdArray(object['path']) ? object['path'] : undefined),
};

/**
 * For objects that know only their node: uses `path` when present, else looks `nodeId` up (for example in
 * a map the service filled from the rows it loaded).
 */
export function nodeLookupAncestry(pathOfNode: (nodeId: string) => readonly string[] | undefined): Ancestry {
  return {
    pathOf(object) {
      const own = objectPathAncestry.pathOf(object);
      if (own) return own;
      const nodeId = object['nodeId'];
      if (typeof nodeId !== 'string') return undefined;
      const path = pathOfNode(nodeId);
      return isIdArray(path) ? path : undefined;
    },
  };
}
