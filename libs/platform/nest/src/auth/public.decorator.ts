import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'steerco:isPublic';

/** Opens a route to unauthenticated callers. Only health, metrics and API descriptions use it. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
