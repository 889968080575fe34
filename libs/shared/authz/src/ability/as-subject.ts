import { subject } from '@casl/ability';
import type { SubjectType } from '../catalogue';
import type { AuthzObject, AuthzSubject } from './ability.types';

/**
 * Tags a record with its type for `ability.can(...)`. CASL's `subject()` marks the object itself, and refuses
 * to re-mark it as another type; this marks a shallow copy, so callers' records stay untouched.
 */
export function asSubject(type: SubjectType, object: AuthzObject): AuthzSubject {
  return subject(type, { ...object });
}
