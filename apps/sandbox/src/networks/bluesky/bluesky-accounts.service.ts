import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Citizen, ProvisionAccountOptions, ProvisionedAccount } from '../../core/sandbox-network';
import { hashPassword, newAppPassword, passwordMatches } from './auth/bluesky-auth.service';
import { AccountRow, BlueskyRepository } from './bluesky.repository';
import { BLUESKY_SETTINGS, BlueskySettings } from './bluesky-settings';
import { mintPlcDid, mintSigningKeyMultibase } from './ids/did';
import { nextCommit } from './ids/repo-commit';
import { TidClock } from './ids/tid';
import { authRequired } from './xrpc/xrpc-error';

export interface DidDocument {
  '@context': string[];
  id: string;
  alsoKnownAs: string[];
  verificationMethod: { id: string; type: string; controller: string; publicKeyMultibase: string }[];
  service: { id: string; type: string; serviceEndpoint: string }[];
}

/** Bluesky accounts: the sandbox's clients (provisioned with an app password) and the crowd's citizens. */
@Injectable()
export class BlueskyAccountsService {
  constructor(
    private readonly repo: BlueskyRepository,
    @Inject(BLUESKY_SETTINGS) private readonly settings: BlueskySettings,
    private readonly clock: TidClock,
  ) {}

  async provision(options: ProvisionAccountOptions): Promise<ProvisionedAccount> {
    const base = (options.handle ?? `sandbox_${randomBytes(4).toString('hex')}`)
      .toLowerCase()
      .replace(/_/g, '-');
    const handle = await this.freeHandle(base);
    const password = newAppPassword();
    const did = mintPlcDid();
    const account = await this.repo.insertAccount({
      ...this.emptyRepo(did),
      handle,
      email: `${handle}@sandbox.invalid`,
      display_name: options.displayName ?? null,
      description: null,
      app_password_hash: hashPassword(password),
      signing_key: mintSigningKeyMultibase(),
      citizen_key: null,
    });
    return {
      accountId: account.did,
      handle: account.handle,
      displayName: account.display_name ?? undefined,
      credentials: { identifier: account.handle, password, did: account.did, email: account.email },
    };
  }

  /** The citizen's own account, created the first time the crowd needs it. */
  async citizenAccount(citizen: Citizen): Promise<AccountRow> {
    const existing = await this.repo.accountByCitizenKey(citizen.key);
    if (existing) return existing;
    const handle = await this.freeHandle(citizen.handle.toLowerCase().replace(/_/g, '-'));
    try {
      return await this.repo.insertAccount({
        ...this.emptyRepo(mintPlcDid()),
        handle,
        email: `${handle}@crowd.sandbox.invalid`,
        display_name: citizen.displayName,
        description: null,
        app_password_hash: hashPassword(newAppPassword()),
        signing_key: mintSigningKeyMultibase(),
        citizen_key: citizen.key,
      });
    } catch (error) {
      // Two crowd items for a new citizen at once: the other insert won; use its account.
      const raced = await this.repo.accountByCitizenKey(citizen.key);
      if (raced) return raced;
      throw error;
    }
  }

  /** createSession's check, with the PDS's single message for an unknown identifier or a wrong password. */
  async login(identifier: string, password: string): Promise<AccountRow> {
    const account = await this.repo.accountByIdentifier(identifier);
    if (!account || !passwordMatches(password, account.app_password_hash)) {
      throw authRequired('Invalid identifier or password');
    }
    return account;
  }

  /** The account's DID document, naming this sandbox as its PDS so the agent keeps talking to it. */
  didDocument(account: AccountRow, pdsEndpoint: string): DidDocument {
    return {
      '@context': [
        'https://www.w3.org/ns/did/v1',
        'https://w3id.org/security/multikey/v1',
        'https://w3id.org/security/suites/secp256k1-2019/v1',
      ],
      id: account.did,
      alsoKnownAs: [`at://${account.handle}`],
      verificationMethod: [
        {
          id: `${account.did}#atproto`,
          type: 'Multikey',
          controller: account.did,
          publicKeyMultibase: account.signing_key,
        },
      ],
      service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: pdsEndpoint }],
    };
  }

  /**
   * The session fields createSession, refreshSession and getSession share, in the PDS's order. No didDoc: a PDS
   * sends one only with PDS_ENABLE_DID_DOC_WITH_SESSION, off by default (checked against @atproto/dev-env), so
   * the agent keeps using the service URL it was given.
   */
  sessionInfo(account: AccountRow): Record<string, unknown> {
    return {
      did: account.did,
      handle: account.handle,
      email: account.email,
      emailConfirmed: true,
      active: true,
    };
  }

  /** A new account's repo starts with an empty commit, as a PDS creates one when it creates the account. */
  private emptyRepo(did: string): { did: string; repo_rev: string; repo_commit: string } {
    const commit = nextCommit(this.clock, did, null, null);
    return { did, repo_rev: commit.rev, repo_commit: commit.cid };
  }

  handleFor(base: string): string {
    return `${base}${this.settings.handleDomain}`;
  }

  private async freeHandle(base: string): Promise<string> {
    const cleaned = base.replace(/[^a-z0-9-]/g, '').replace(/^-+|-+$/g, '') || 'sandbox';
    for (let attempt = 0; ; attempt++) {
      const handle = this.handleFor(attempt === 0 ? cleaned : `${cleaned}-${attempt + 1}`);
      if (!(await this.repo.accountByIdentifier(handle))) return handle;
    }
  }
}
