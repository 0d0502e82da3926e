import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CatalogResource } from '../catalog-resource';
import { SourceDetailView, SourceListView } from './source-views';
import { SourcesService } from './sources.service';

@ApiTags('sources')
@Controller('api/v1/sources')
export class SourcesController extends CatalogResource('sources', SourcesService, SourceListView, SourceDetailView) {}
