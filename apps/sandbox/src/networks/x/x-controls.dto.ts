import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class InboundMentionDto {
  @ApiProperty({
    description: 'The X account mentioned: its userId from POST /_sandbox/accounts.',
    example: '2126238550195486720',
  })
  @Matches(/^\d{1,19}$/, { message: 'accountId must be the numeric userId of an X account in this sandbox' })
  accountId: string;

  @ApiProperty({
    description:
      'What the person writes after the @handle (the sandbox puts "@<handle> " in front, as X does).',
    example: 'My brown bin was not collected on Monday.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(250, {
    message: 'text must be at most 250 characters (X allows 280 with the @handle in front)',
  })
  text: string;

  @ApiPropertyOptional({
    description: 'The same key is the same person every time (default: sandbox_citizen).',
  })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,15}$/, { message: 'citizenKey must be 1-15 characters of a-z, 0-9 and _' })
  citizenKey?: string;

  @ApiPropertyOptional({ example: 'Sam Jones' })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: 'citizenName must be at most 50 characters (X’s limit for a name)' })
  citizenName?: string;

  @ApiPropertyOptional({
    description: 'The language X tags the post with (lang); without it the post has none.',
    enum: ['en', 'cy'],
  })
  @IsOptional()
  @IsIn(['en', 'cy'], { message: 'lang must be en or cy' })
  lang?: 'en' | 'cy';
}
