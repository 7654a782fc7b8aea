import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '@outside-in/database';
import { normaliseEmail, trim } from '../http/dto-transforms';

export const EMAIL_MESSAGE = 'Enter an email address like name@council.gov.uk';

export class SignUpDto {
  @ApiProperty({ example: 'Harrogate Borough Council' })
  @Transform(trim)
  @IsString({ message: 'Enter the name of your organisation' })
  @Length(2, 120, { message: 'The organisation name must be between 2 and 120 characters' })
  organisationName: string;

  @ApiProperty({ example: 'Sam Jones' })
  @Transform(trim)
  @IsString({ message: 'Enter your name' })
  @Length(1, 120, { message: 'Your name must be between 1 and 120 characters' })
  name: string;

  @ApiProperty({ example: 'sam.jones@harrogate.gov.uk' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: EMAIL_MESSAGE })
  @MaxLength(254, { message: 'The email address is too long' })
  email: string;

  @ApiProperty({ description: 'At least 12 characters; not a common or easily guessed password.' })
  @IsString({ message: 'Enter a password' })
  password: string;
}

export class SignInDto {
  @ApiProperty({ example: 'sam.jones@harrogate.gov.uk' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: EMAIL_MESSAGE })
  @MaxLength(254, { message: 'The email address is too long' })
  email: string;

  @ApiProperty()
  @IsString({ message: 'Enter your password' })
  @MinLength(1, { message: 'Enter your password' })
  @MaxLength(256, { message: 'The password is too long' })
  password: string;
}

export class SwitchOrganisationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'organisationId must be the id of one of your organisations' })
  organisationId: string;
}

export class SessionUserView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class SessionMembershipView {
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class SessionView {
  @ApiProperty({ type: SessionUserView }) user: SessionUserView;
  @ApiProperty({ type: [SessionMembershipView] }) memberships: SessionMembershipView[];
  @ApiProperty({ type: String, nullable: true }) currentOrganisationId: string | null;
  @ApiProperty({ description: 'Send it back in the X-CSRF-Token header on every change.' }) csrfToken: string;
}
