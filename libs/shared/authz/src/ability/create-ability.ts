import { Ability, type RawRuleOf } from '@casl/ability';
import type { Action, AppAbility, AuthzSubject, ScopeConditions } from './ability.types';
import { objectPathAncestry, type Ancestry } from './ancestry';
import { scopeConditionsMatcher, tabFieldMatcher } from './conditions-matcher';

export type AppRule = RawRuleOf<AppAbility>;

/**
 * The one place an `AppAbility` is constructed, so every ability uses the same matchers. Rules without
 * conditions are dropped: every permission is scoped to subtrees (domain §6), the widest is the
 * organization's, and an unscoped rule would reach across organizations.
 */
export function createAppAbility(rules: AppRule[], ancestry: Ancestry = objectPathAncestry): AppAbility {
  return new Ability<[Action, AuthzSubject], ScopeConditions>(
    rules.filter((rule) => rule.conditions),
    { conditionsMatcher: scopeConditionsMatcher(ancestry), fieldMatcher: tabFieldMatcher },
  );
}
