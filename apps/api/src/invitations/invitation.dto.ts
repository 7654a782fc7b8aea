import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { ROLES, Role } from '@outside-in/database';
import { EMAIL_MESSAGE } from '../auth/auth.dto';
import { ROLE_MESSAGE } from '../members/member.dto';
import { normaliseEmail, trim } from '../http/dto-transforms';

export class CreateInvitationDto {
  @ApiProperty({ example: 'alex.smith@harrogate.gov.uk' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: EMAIL_MESSAGE })
  @MaxLength(254, { message: 'The email address is too long' })
  email: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;
}

export class AcceptInvitationDto {
  @ApiPropertyOptional({ description: 'Needed when the invited email has no account yet' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'Enter your name' })
  @Length(1, 120, { message: 'Your name must be between 1 and 120 characters' })
  name?: string;

  @ApiPropertyOptional({ description: 'Needed when the invited email has no account yet' })
  @IsOptional()
  @IsString({ message: 'Enter a password' })
  password?: string;
}

export class InvitationView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() expiresAt: Date;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: String, nullable: true, description: 'Name of who sent it' }) invitedBy: string | null;
}

export class InvitationListView {
  @ApiProperty({ type: [InvitationView] }) items: InvitationView[];
}

export class CreatedInvitationView {
  @ApiProperty({ type: InvitationView }) invitation: InvitationView;
  @ApiProperty({ description: 'The link to send; it is shown only this once.' }) link: string;
}

export class InvitationPreview {
  @ApiProperty() organisationName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() expiresAt: Date;
  @ApiProperty() accountExists: boolean;
  @ApiProperty({ type: String, nullable: true }) signedInAs: string | null;
}
