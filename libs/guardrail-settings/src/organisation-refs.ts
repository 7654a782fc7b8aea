import { EntityManager, In } from 'typeorm';
import { Channel, Membership } from '@outside-in/database';

/** Of these channel ids, the ones that are not channels of the organisation. */
export async function foreignChannelIds(
  manager: EntityManager,
  organisationId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await manager
    .getRepository(Channel)
    .find({ select: { id: true }, where: { organisationId, id: In([...ids]) } });
  const known = new Set(found.map((c) => c.id));
  return ids.filter((id) => !known.has(id));
}

/** Of these user ids, the ones that are not members of the organisation. */
export async function nonMemberIds(
  manager: EntityManager,
  organisationId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await manager
    .getRepository(Membership)
    .find({ select: { userId: true }, where: { organisationId, userId: In([...ids]) } });
  const known = new Set(found.map((m) => m.userId));
  return ids.filter((id) => !known.has(id));
}
