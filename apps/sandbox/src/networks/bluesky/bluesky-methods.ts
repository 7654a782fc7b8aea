import { Injectable } from '@nestjs/common';
import { AppviewMethods } from './methods/appview.methods';
import { RepoMethods } from './methods/repo.methods';
import { ServerMethods } from './methods/server.methods';
import { XrpcMethod } from './xrpc/xrpc-method';

/** Every XRPC method the sandbox PDS serves, by NSID. Anything else answers 501 MethodNotImplemented. */
@Injectable()
export class BlueskyMethods {
  private readonly table: Map<string, XrpcMethod>;

  constructor(server: ServerMethods, repo: RepoMethods, appview: AppviewMethods) {
    this.table = new Map([...server.methods(), ...repo.methods(), ...appview.methods()]);
  }

  get(nsid: string): XrpcMethod | undefined {
    return this.table.get(nsid);
  }
}
