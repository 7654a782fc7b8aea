import type { PauseInForce } from './post-target.repository';

/**
 * Why a due target waits, in words, for the organisation-wide or per-channel pause in force (`publishing_pause`,
 * managed by the API's pause routes, with a recorded reason). The runner reads the pause with its other checks in
 * one statement (PostTargetRepository.gate); a held target is looked at again every `holdRecheckMs` and is never
 * `missed` while held; lifting the pause makes the held targets due at once.
 */
export function holdReason(pause: PauseInForce): string {
  return `${pause.channelId ? 'publishing on this channel' : 'publishing'} is paused: ${pause.reason}`;
}
