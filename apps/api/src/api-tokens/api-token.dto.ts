import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { trim } from '../http/dto-transforms';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'Nightly report export' })
  @Transform(trim)
  @IsString({ message: 'Give the token a name that says what it is for' })
  @Length(1, 80, { message: 'The name must be between 1 and 80 characters' })
  name: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 365,
    description: 'Leave out for a token that does not expire',
  })
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be a whole number of days' })
  @Min(1, { message: 'expiresInDays must be between 1 and 365' })
  @Max(365, { message: 'expiresInDays must be between 1 and 365' })
  expiresInDays?: number;
}

export class ApiTokenView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters, to tell tokens apart' }) prefix: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) expiresAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) lastUsedAt: Date | null;
}

export class ApiTokenListView {
  @ApiProperty({ type: [ApiTokenView] }) items: ApiTokenView[];
}

export class CreatedApiTokenView {
  @ApiProperty({ description: 'Shown only this once; send it as "Authorization: Bearer <token>"' })
  token: string;
  @ApiProperty({ type: ApiTokenView }) apiToken: ApiTokenView;
}
