import { defineTopic } from '../../registry/define';

export const identityUserTopic = defineTopic({
  service: 'identity',
  aggregate: 'user',
  major: 1,
  description:
    'Every change of a user account: created or invited, profile changes, activation, disabling, two-factor set-up and reset. Keyed by user id, so the events of one user are ordered. Services keep their own projection of users from it; a disabled event means the user must be refused from then on, not only at token expiry.',
});
