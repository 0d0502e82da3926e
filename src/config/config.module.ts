import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Environment } from './environment';

/**
 * Provides the validated Environment as an injectable, typed object. (@nestjs/config's string-keyed
 * ConfigService adds nothing over this once the environment is a validated class instance.)
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: Environment, useValue: env }, Clock],
      exports: [Environment, Clock],
    };
  }
}
