import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ROLES, Role } from '@outside-in/database';

export const ROLE_MESSAGE = `role must be one of: ${ROLES.join(', ')}`;

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;
}

export class MemberView {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() joinedAt: Date;
}

export class MemberListView {
  @ApiProperty({ type: [MemberView] }) items: MemberView[];
}
