import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class SetRateLimitDto {
  @ApiProperty({ example: 'x' })
  @IsString()
  @Length(1, 40)
  network: string;

  @ApiProperty({
    example: 'POST /2/tweets',
    description: 'The endpoint name the network uses (GET lists them).',
  })
  @IsString()
  @Length(1, 200)
  endpoint: string;

  @ApiProperty({ example: 5 })
  @IsInt({ message: 'limit must be a whole number from 0 to 1000000' })
  @Min(0, { message: 'limit must be a whole number from 0 to 1000000' })
  @Max(1_000_000, { message: 'limit must be a whole number from 0 to 1000000' })
  limit: number;

  @ApiProperty({ example: 900 })
  @IsInt({ message: 'windowSeconds must be a whole number from 1 to 86400' })
  @Min(1, { message: 'windowSeconds must be a whole number from 1 to 86400' })
  @Max(86400, { message: 'windowSeconds must be a whole number from 1 to 86400' })
  windowSeconds: number;
}

export class RateLimitRuleDto extends SetRateLimitDto {
  @ApiProperty({ enum: ['default', 'override'] }) source: 'default' | 'override';
}

export class ResetRateLimitsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  network?: string;
}
