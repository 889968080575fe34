import { defineEvent } from '../../registry/define';
import {
  userCreatedV1Schema,
  userMfaChangedV1Schema,
  userStatusChangedV1Schema,
  userUpdatedV1Schema,
} from './user.schemas';
import { identityUserTopic } from './user.topic';

export const userCreatedV1 = defineEvent({
  topic: identityUserTopic,
  verb: 'created',
  major: 1,
  description:
    'A user was created: invited (no password yet) or active, or the first org admin at bootstrap.',
  schema: userCreatedV1Schema,
});

export const userUpdatedV1 = defineEvent({
  topic: identityUserTopic,
  verb: 'updated',
  major: 1,
  description: 'Profile fields of a user changed (e-mail, display name, locale, time zone).',
  schema: userUpdatedV1Schema,
});

export const userActivatedV1 = defineEvent({
  topic: identityUserTopic,
  verb: 'activated',
  major: 1,
  description:
    'A user may log in: an invited user accepted the invitation (or signed in through their provider), or an administrator enabled a disabled user who has a way to sign in.',
  schema: userStatusChangedV1Schema,
});

export const userDisabledV1 = defineEvent({
  topic: identityUserTopic,
  verb: 'disabled',
  major: 1,
  description: 'A user was disabled: every service must refuse their requests from now on.',
  schema: userStatusChangedV1Schema,
});

export const userMfaEnrolledV1 = defineEvent({
  topic: identityUserTopic,
  verb: 'mfaEnrolled',
  major: 1,
  description: 'A user confirmed a TOTP second factor.',
  schema: userMfaChangedV1Schema,
});

export const userMfaResetV1 = defineEvent({
  topic: identityUserTopic,
  verb: 'mfaReset',
  major: 1,
  description: "An administrator removed a user's second factor and recovery codes.",
  schema: userMfaChangedV1Schema,
});
