import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsOptional,
  IsString,
  Length,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ROLES, Role } from '@outside-in/database';
import { trim } from '../http/dto-transforms';

@ValidatorConstraint({ name: 'ianaTimeZone' })
export class IsIanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !value.includes('/')) return value === 'UTC';
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'Use an IANA time zone name such as Europe/London';
  }
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional({ example: 'Harrogate Borough Council' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'The organisation name must be text' })
  @Length(2, 120, { message: 'The organisation name must be between 2 and 120 characters' })
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @IsOptional()
  @Validate(IsIanaTimeZone)
  timeZone?: string;
}

export class OrganisationView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: ROLES, description: 'Your role here' }) role: Role;
}
