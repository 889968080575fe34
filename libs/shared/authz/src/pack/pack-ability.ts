import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';
import { ATOMS, isSubjectType } from '../catalogue';
import {
  createAppAbility,
  delegateActionOf,
  objectPathAncestry,
  type Ancestry,
  type AppAbility,
  type AppRule,
} from '../ability';

/** An ability's rules in CASL's compact array form: what the API sends the web app, as JSON. */
export type PackedAbility = PackRule<AppRule>[];

const KNOWN_ACTIONS = new Set<string>([...ATOMS, ...ATOMS.map(delegateActionOf)]);

function isKnownRule(rule: AppRule): boolean {
  const actions = Array.isArray(rule.action) ? rule.action : [rule.action];
  const subjects = Array.isArray(rule.subject) ? rule.subject : [rule.subject];
  return (
    actions.every((action) => KNOWN_ACTIONS.has(action)) &&
    subjects.every((subject) => isSubjectType(subject))
  );
}

export function packAbility(ability: AppAbility): PackedAbility {
  return packRules<AppRule>(ability.rules);
}

/**
 * Rebuilds an ability from packed rules, with the same matchers as the server's. Rules naming an action
 * or object type this version does not know (sent by a newer server) are dropped: default deny.
 */
export function unpackAbility(packed: PackedAbility, ancestry: Ancestry = objectPathAncestry): AppAbility {
  return createAppAbility(unpackRules<AppRule>(packed).filter(isKnownRule), ancestry);
}
