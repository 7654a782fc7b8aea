import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SecretBox } from '@outside-in/common';

export interface SealedCredentials {
  keyId: string;
  sealed: string;
}

/**
 * Seals and opens channel credentials (and connect-flow secrets) with the key ring from ENCRYPTION_KEYS. The
 * associated data binds each sealed value to its row, so a value copied to another row does not open.
 */
@Injectable()
export class ChannelVault {
  private readonly box: SecretBox;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.box = SecretBox.fromSetting(config.ENCRYPTION_KEYS);
  }

  seal(value: Record<string, unknown>, binding: string): SealedCredentials {
    const { keyId, data } = this.box.seal(JSON.stringify(value), binding);
    return { keyId, sealed: data };
  }

  open<T = Record<string, string>>(keyId: string, sealed: string, binding: string): T {
    return JSON.parse(this.box.open({ keyId, data: sealed }, binding)) as T;
  }

  needsRotation(keyId: string): boolean {
    return this.box.needsRotation({ keyId, data: '' });
  }
}

/** The associated data of a channel's credentials. */
export const channelBinding = (channelId: string): string => `channel:${channelId}`;
