/**
 * invited: created without a password, waiting for the person to accept the invitation;
 * active: may log in; disabled: may not log in or refresh, and keeps every record it left.
 * The list is part of the event contract, so it lives in `@steerco/contracts`.
 */
export { USER_STATUSES } from '@steerco/contracts';
export type UserStatus = (typeof import('@steerco/contracts').USER_STATUSES)[number];
