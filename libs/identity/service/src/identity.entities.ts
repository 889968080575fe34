import { UserAccountSchema } from './users/user.entity';

/**
 * Every ORM entity of the identity schema. Tokens, tickets, keys and throttle rows are written in SQL by their
 * repositories: they are rows with a lifecycle of their own, not parts of the user aggregate.
 */
export const identityEntities = [UserAccountSchema];
