import { Controller, Get, type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Public } from '../auth/public.decorator';
import { buildOpenApiDocument } from './openapi-document';
import { RouteDiscovery } from './route-discovery';

/** Serves `/api/<service>/openapi.json`, covering the routes under `/api/<service>/`. */
@Module({})
export class OpenApiModule {
  static forService(service: string, version: string): DynamicModule {
    @Public()
    @Controller(`api/${service}`)
    class OpenApiController {
      private document?: unknown;
      constructor(private readonly discovery: RouteDiscovery) {}

      @Get('openapi.json')
      openapi() {
        this.document ??= buildOpenApiDocument(
          service,
          version,
          this.discovery.routes().filter((r) => r.path.startsWith(`/api/${service}/`)),
        );
        return this.document;
      }
    }
    Object.defineProperty(OpenApiController, 'name', { value: `${service}OpenApiController` });
    return {
      module: OpenApiModule,
      imports: [DiscoveryModule],
      providers: [RouteDiscovery],
      controllers: [OpenApiController],
      exports: [RouteDiscovery],
    };
  }
}
