import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@outside-in/common';
import { dataSourceOptions } from './data-source-options';
import { AuditService } from './audit/audit.service';
import { ENTITIES } from './entities';

/** The TypeORM connection. The schema is prepared (created, migrated) before Nest starts, never synchronised. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.DATABASE_URL), retryAttempts: 3 }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [AuditService],
  exports: [TypeOrmModule, AuditService],
})
export class DatabaseModule {}
