import { Injectable } from '@nestjs/common';
import type { PostTarget } from '@outside-in/database';

/**
 * Whether a due target must wait: the hook for the organisation-wide and per-channel pause (issue 5, with a
 * recorded reason). Nothing is paused yet, so nothing waits. A held target is looked at again every
 * `holdRecheckMs` and is never `missed` while held.
 */
@Injectable()
export class PublishingHold {
  reasonToHold(_target: PostTarget): Promise<string | null> {
    return Promise.resolve(null);
  }
}
