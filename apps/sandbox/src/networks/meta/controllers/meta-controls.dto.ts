import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class InboundCommentDto {
  @ApiProperty({
    description:
      'A Facebook post id ({page-id}_{post-id}), an Instagram media id, or a comment id to reply to.',
  })
  @IsString()
  @MinLength(1)
  objectId: string;

  @ApiProperty({ example: 'When is the library open on Sunday?' })
  @IsString()
  @MinLength(1)
  @MaxLength(8000)
  message: string;

  @ApiPropertyOptional({
    description: 'The same key is the same person every time (default: sandbox_citizen).',
  })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,15}$/, { message: 'citizenKey must be 1-15 characters of a-z, 0-9 and _' })
  citizenKey?: string;

  @ApiPropertyOptional({ example: 'Megan Jones' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  citizenName?: string;
}

export class AuthorCommentChangeDto {
  @ApiProperty({ description: 'The Facebook comment its author changes.' })
  @IsString()
  @MinLength(1)
  commentId: string;

  @ApiPropertyOptional({
    example: 'When is the library open on Saturday?',
    description: 'The new text; leave it out to delete the comment.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(8000)
  message?: string;
}

export class InboundMessageDto {
  @ApiProperty({ description: 'The page id (Messenger) or the Instagram account id (Instagram Direct).' })
  @IsString()
  @MinLength(1)
  accountId: string;

  @ApiProperty({ example: 'My bin was not collected' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  message: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,15}$/, { message: 'citizenKey must be 1-15 characters of a-z, 0-9 and _' })
  citizenKey?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  citizenName?: string;

  @ApiPropertyOptional({
    description: 'When the person wrote (ISO 8601); in the past to open a closed 24-hour window.',
  })
  @IsOptional()
  @IsDateString()
  sentAt?: string;
}

export class ExpireTokenDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  accessToken: string;
}

export class InstagramSettingsDto {
  @ApiPropertyOptional({ description: 'How long an image container stays IN_PROGRESS (ms).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  imageProcessingMs?: number;

  @ApiPropertyOptional({ description: 'How long a video container stays IN_PROGRESS (ms).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  videoProcessingMs?: number;

  @ApiPropertyOptional({
    description: 'Posts per Instagram account per 24 hours (content_publishing_limit).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  publishQuotaPer24h?: number;
}
