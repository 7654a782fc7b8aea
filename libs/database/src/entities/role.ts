/** The six roles of DESIGN.md, from most to least powerful. */
export const ROLES = ['owner', 'admin', 'approver', 'editor', 'responder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
