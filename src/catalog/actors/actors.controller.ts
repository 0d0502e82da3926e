import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CatalogResource } from '../catalog-resource';
import { ActorDetailView, ActorListView } from './actor-views';
import { ActorsService } from './actors.service';

@ApiTags('actors')
@Controller('api/v1/actors')
export class ActorsController extends CatalogResource('actors', ActorsService, ActorListView, ActorDetailView) {}
