import { Module } from '@nestjs/common';
import { RecordsModule } from '@outside-in/records';
import { RecordsController } from './records.controller';

/** The records routes (issue 7 part 6): legal holds, FOI requests and exports. */
@Module({ imports: [RecordsModule], controllers: [RecordsController] })
export class RecordsApiModule {}
