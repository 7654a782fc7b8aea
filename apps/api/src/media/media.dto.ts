import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { trim } from '../http/dto-transforms';

export class MediaView {
  @ApiProperty() id: string;
  @ApiProperty() filename: string;
  @ApiProperty({ example: 'image/png' }) mimeType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ enum: ['image', 'video'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) altText: string | null;
  @ApiProperty({
    description: 'An image without alt text: it cannot be attached to a post until it has some',
  })
  needsAltText: boolean;
  @ApiProperty() createdAt: Date;
}

export class UploadMediaDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The image or video' })
  file: unknown;

  @ApiPropertyOptional({
    description:
      'What the image shows, for people who cannot see it (required for images before they are attached to a post)',
  })
  @IsOptional()
  @IsString({ message: 'altText must be text' })
  @MaxLength(5000, { message: 'altText must be at most 5,000 characters' })
  altText?: string;
}

export class AltTextDto {
  @ApiProperty({ description: 'What the image shows, for people who cannot see it' })
  @Transform(trim)
  @IsString({ message: 'altText must be text describing the image' })
  @MaxLength(5000, { message: 'altText must be at most 5,000 characters' })
  altText: string;
}
