import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../auth/public.decorator';
import type { DiscoveredRoute } from './openapi-document';
import { OPERATION, type OperationSpec } from './operation.decorator';

function join(...parts: (string | undefined)[]): string {
  return `/${parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/')}`;
}

/** Enumerates the running application's routes from Nest's own metadata (also used by route-coverage tests). */
@Injectable()
export class RouteDiscovery {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): DiscoveredRoute[] {
    const routes: DiscoveredRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const base = this.reflector.get<string>(PATH_METADATA, metatype);
      const prototype = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const path = this.reflector.get<string | string[]>(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = this.reflector.get<RequestMethod>(METHOD_METADATA, handler) ?? RequestMethod.GET;
        routes.push({
          method,
          path: join(base, Array.isArray(path) ? path[0] : path),
          spec: this.reflector.get<OperationSpec>(OPERATION, handler),
          isPublic: Boolean(this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, metatype])),
        });
      }
    }
    return routes;
  }
}
