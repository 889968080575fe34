import type { ConfigOf } from '@steerco/platform-config';
import type { platformVariables } from '@steerco/platform-config';

/** Injection tokens of the platform's process-wide singletons. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const MESSAGING_METRICS = Symbol('MESSAGING_METRICS');

export type PlatformConfig = ConfigOf<typeof platformVariables>;
