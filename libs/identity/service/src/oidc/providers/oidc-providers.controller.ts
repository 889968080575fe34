import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IF_MATCH_REQUIRED, Operation, versionFromIfMatch, withEtag, ZodPipe } from '@steerco/platform-nest';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { OidcErrors } from '../oidc.errors';
import { PlatformAdminGuard } from '../platform-admin.guard';
import {
  createMappingSchema,
  createProviderSchema,
  mappingListSchema,
  mappingParamsSchema,
  mappingResponseSchema,
  providerIdParamsSchema,
  providerListSchema,
  providerResponseSchema,
  updateMappingSchema,
  updateProviderSchema,
  type CreateMappingInput,
  type CreateProviderInput,
  type UpdateMappingInput,
  type UpdateProviderInput,
} from './dto/oidc-provider.dto';
import { GroupMappingRepository, type GroupMapping } from './group-mapping.repository';
import { OidcProviderRepository } from './oidc-provider.repository';
import { toProviderResponse } from './provider.mapper';
import { ManageGroupMappingsUseCase } from './usecases/manage-group-mappings.usecase';
import { ManageProvidersUseCase } from './usecases/manage-providers.usecase';

const NOT_FOUND = { 404: 'No such provider (IDENTITY.OIDC_PROVIDER_NOT_FOUND)' };
const ADMIN_ONLY = { 403: 'Not a platform administrator (IDENTITY.PLATFORM_ADMIN_REQUIRED)' };
const idParam = new ZodPipe(providerIdParamsSchema.shape.id);
const mappingIdParam = new ZodPipe(mappingParamsSchema.shape.mappingId);

const toMappingResponse = ({ id, providerId, group, roleId, nodeId }: GroupMapping) => ({
  id,
  providerId,
  group,
  roleId,
  nodeId,
});

/** Single sign-on providers and their group mappings; the client secret goes in and never comes out. */
@UseGuards(PlatformAdminGuard)
@Controller('api/identity/oidc/providers')
export class OidcProvidersController {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly providers: ManageProvidersUseCase,
    private readonly mappings: ManageGroupMappingsUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Operation({
    summary: 'Add an OIDC provider users may sign in with',
    body: createProviderSchema,
    response: { status: 201, schema: providerResponseSchema },
    problems: { ...ADMIN_ONLY, 422: 'Issuer refused (IDENTITY.OIDC_ISSUER_REFUSED)' },
  })
  async create(
    @Body(new ZodPipe(createProviderSchema)) body: CreateProviderInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const provider = await this.providers.create(body);
    withEtag(reply, provider).header('location', `/api/identity/oidc/providers/${provider.id}`);
    return provider;
  }

  @Get()
  @Operation({
    summary: 'List the OIDC providers',
    response: { schema: providerListSchema },
    problems: ADMIN_ONLY,
  })
  async list() {
    const all = await new OidcProviderRepository(this.uow.sqlReader(), IDENTITY_SCHEMA).list();
    return { items: all.map((p) => toProviderResponse(p, this.config.IDENTITY_PUBLIC_URL)) };
  }

  @Get(':id')
  @Operation({
    summary: 'Get an OIDC provider',
    params: providerIdParamsSchema,
    response: { schema: providerResponseSchema },
    problems: { ...ADMIN_ONLY, ...NOT_FOUND },
  })
  async get(@Param('id', idParam) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const provider = await new OidcProviderRepository(this.uow.sqlReader(), IDENTITY_SCHEMA).find(id);
    if (!provider) throw OidcErrors.OIDC_PROVIDER_NOT_FOUND();
    withEtag(reply, provider);
    return toProviderResponse(provider, this.config.IDENTITY_PUBLIC_URL);
  }

  @Patch(':id')
  @Operation({
    summary: 'Change an OIDC provider (a new clientSecret replaces the stored one)',
    params: providerIdParamsSchema,
    body: updateProviderSchema,
    headers: IF_MATCH_REQUIRED,
    response: { schema: providerResponseSchema },
    problems: { ...ADMIN_ONLY, ...NOT_FOUND, 409: 'Stale If-Match (PLATFORM.VERSION_CONFLICT)' },
  })
  async update(
    @Param('id', idParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(updateProviderSchema)) body: UpdateProviderInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const provider = await this.providers.update(id, versionFromIfMatch(ifMatch), body);
    withEtag(reply, provider);
    return provider;
  }

  @Delete(':id')
  @HttpCode(204)
  @Operation({
    summary: 'Delete an OIDC provider nobody has signed in with yet',
    params: providerIdParamsSchema,
    response: { status: 204 },
    problems: { ...ADMIN_ONLY, ...NOT_FOUND, 409: 'Users sign in with it (IDENTITY.OIDC_PROVIDER_IN_USE)' },
  })
  async remove(@Param('id', idParam) id: string) {
    await this.providers.delete(id);
  }

  @Get(':id/group-mappings')
  @Operation({
    summary: "List a provider's group mappings",
    params: providerIdParamsSchema,
    response: { schema: mappingListSchema },
    problems: { ...ADMIN_ONLY, ...NOT_FOUND },
  })
  async listMappings(@Param('id', idParam) id: string) {
    const reader = this.uow.sqlReader();
    if (!(await new OidcProviderRepository(reader, IDENTITY_SCHEMA).find(id))) {
      throw OidcErrors.OIDC_PROVIDER_NOT_FOUND();
    }
    const items = await new GroupMappingRepository(reader, IDENTITY_SCHEMA).listOf(id);
    return { items: items.map(toMappingResponse) };
  }

  @Post(':id/group-mappings')
  @HttpCode(201)
  @Operation({
    summary: 'Map a provider group to a role on a node (granted at each member’s next sign-in)',
    params: providerIdParamsSchema,
    body: createMappingSchema,
    response: { status: 201, schema: mappingResponseSchema },
    problems: {
      ...ADMIN_ONLY,
      ...NOT_FOUND,
      409: 'The same mapping exists (IDENTITY.OIDC_GROUP_MAPPING_EXISTS)',
      422: 'Unknown role (IDENTITY.OIDC_ROLE_UNKNOWN)',
    },
  })
  async addMapping(
    @Param('id', idParam) id: string,
    @Body(new ZodPipe(createMappingSchema)) body: CreateMappingInput,
  ) {
    return toMappingResponse(await this.mappings.add(id, body));
  }

  @Get(':id/group-mappings/:mappingId')
  @Operation({
    summary: 'Get a group mapping',
    params: mappingParamsSchema,
    response: { schema: mappingResponseSchema },
    problems: { ...ADMIN_ONLY, 404: 'No such provider or mapping' },
  })
  async getMapping(@Param('id', idParam) id: string, @Param('mappingId', mappingIdParam) mappingId: string) {
    const mapping = await new GroupMappingRepository(this.uow.sqlReader(), IDENTITY_SCHEMA).find(
      id,
      mappingId,
    );
    if (!mapping) throw OidcErrors.OIDC_GROUP_MAPPING_NOT_FOUND();
    return toMappingResponse(mapping);
  }

  @Patch(':id/group-mappings/:mappingId')
  @Operation({
    summary: 'Change a group mapping (users follow at their next sign-in)',
    params: mappingParamsSchema,
    body: updateMappingSchema,
    response: { schema: mappingResponseSchema },
    problems: {
      ...ADMIN_ONLY,
      404: 'No such provider or mapping',
      409: 'The same mapping exists',
      422: 'Unknown role',
    },
  })
  async changeMapping(
    @Param('id', idParam) id: string,
    @Param('mappingId', mappingIdParam) mappingId: string,
    @Body(new ZodPipe(updateMappingSchema)) body: UpdateMappingInput,
  ) {
    return toMappingResponse(await this.mappings.change(id, mappingId, body));
  }

  @Delete(':id/group-mappings/:mappingId')
  @HttpCode(204)
  @Operation({
    summary: 'Remove a group mapping (what it granted is revoked at each member’s next sign-in)',
    params: mappingParamsSchema,
    response: { status: 204 },
    problems: { ...ADMIN_ONLY, 404: 'No such provider or mapping' },
  })
  async removeMapping(
    @Param('id', idParam) id: string,
    @Param('mappingId', mappingIdParam) mappingId: string,
  ) {
    await this.mappings.remove(id, mappingId);
  }
}
