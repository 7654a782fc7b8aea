import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { SANDBOX_NETWORKS } from '../sandbox-network';

export class CreateAccountDto {
  @ApiProperty({ enum: SANDBOX_NETWORKS, example: 'x' })
  @IsString({ message: `network must be one of ${SANDBOX_NETWORKS.join(', ')}` })
  network: string;

  @ApiPropertyOptional({
    description: '1 to 15 letters, digits or underscores. Default: generated.',
    example: 'cardiffcouncil',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_]{1,15}$/, {
    message: 'handle must be 1 to 15 letters, digits or underscores, for example cardiff_council',
  })
  handle?: string;

  @ApiPropertyOptional({ example: 'Cardiff Council' })
  @IsOptional()
  @IsString()
  @Length(1, 50, { message: 'displayName must be 1 to 50 characters' })
  displayName?: string;
}

export class AccountCreatedDto {
  @ApiProperty({ example: 'x' }) network: string;
  @ApiProperty({ example: '1790000000000000001' }) accountId: string;
  @ApiProperty({ example: 'cardiffcouncil' }) handle: string;
  @ApiPropertyOptional({ example: 'Cardiff Council' }) displayName?: string;
  @ApiProperty({
    description: 'What the real client library needs, per network (see the README).',
    example: { accessToken: '...', refreshToken: '...' },
  })
  credentials: Record<string, unknown>;
}

export class AccountListItemDto {
  @ApiProperty() network: string;
  @ApiProperty() accountId: string;
  @ApiProperty() handle: string;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
