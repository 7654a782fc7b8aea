import { ROLES, type Role } from '../api/types';
import { ROLE_LABELS } from './format';
import type { SelectOption } from './field';

/** Only an owner may hand out the owner role (the API refuses it otherwise, so we do not offer it). */
export function assignableRoles(myRole: Role): Role[] {
  return myRole === 'owner' ? [...ROLES] : ROLES.filter((r) => r !== 'owner');
}

export function roleOptions(myRole: Role): SelectOption[] {
  return assignableRoles(myRole).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
}
