import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { CHANNEL_STATUSES } from '@outside-in/database';
import { NETWORKS } from '@outside-in/platforms';
import { trim } from '../http/dto-transforms';

const NETWORK_MESSAGE = `network must be one of ${NETWORKS.join(', ')}`;

export class ChannelPersonView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class ChannelView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NETWORKS }) network: string;
  @ApiProperty({ example: 'X' }) networkName: string;
  @ApiProperty({ description: 'A practice channel on the sandbox networks' }) practice: boolean;
  @ApiProperty() handle: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) profileUrl: string | null;
  @ApiProperty({ enum: CHANNEL_STATUSES }) status: string;
  @ApiProperty({ description: 'The status in words, with the reason and what to do' }) statusText: string;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: Date, nullable: true }) lastErrorAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) lastActivityAt: Date | null;
  @ApiProperty() connectedAt: Date;
  @ApiProperty({ type: ChannelPersonView, nullable: true }) connectedBy: ChannelPersonView | null;
  @ApiProperty({ type: Date, nullable: true }) credentialsExpireAt: Date | null;
  @ApiProperty({
    enum: ['subscribed', 'failed', 'unavailable'],
    nullable: true,
    description:
      'Whether the network pushes new messages to our webhook; polling covers the channel whatever this says',
  })
  webhookState: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why new messages are not pushed, in words that say what to do',
  })
  webhookProblem: string | null;
}

export class ChannelListView {
  @ApiProperty({ type: [ChannelView] }) channels: ChannelView[];
}

export class ChannelResultView {
  @ApiProperty({ type: ChannelView }) channel: ChannelView;
}

export class PracticeChannelsView {
  @ApiProperty({ type: [ChannelView] }) channels: ChannelView[];
  @ApiProperty({ description: 'How many practice channels this call added' }) created: number;
}

export class NetworkOptionView {
  @ApiProperty({ enum: NETWORKS }) network: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['oauth', 'app_password'] }) method: string;
  @ApiProperty({ description: 'Whether this server can connect accounts of this network' })
  available: boolean;
  @ApiProperty({ type: String, nullable: true }) unavailableReason: string | null;
  @ApiProperty({ enum: ['none', 'optional', 'required'] }) serverUrl: string;
  @ApiProperty({ type: String, nullable: true }) serverUrlLabel: string | null;
  @ApiProperty({ type: String, nullable: true }) serverUrlHint: string | null;
  @ApiProperty({ type: String, nullable: true }) identifierLabel: string | null;
  @ApiProperty({ type: String, nullable: true }) secretLabel: string | null;
  @ApiProperty() help: string;
}

export class NetworkOptionsView {
  @ApiProperty({ type: [NetworkOptionView] }) networks: NetworkOptionView[];
}

export class StartConnectDto {
  @ApiProperty({ enum: NETWORKS })
  @IsIn(NETWORKS, { message: NETWORK_MESSAGE })
  network: string;

  @ApiPropertyOptional({ example: 'https://mastodon.social', description: 'The Mastodon server' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'serverUrl must be the address of the server, like https://mastodon.social' })
  @Length(1, 300, { message: 'serverUrl must be the address of the server, like https://mastodon.social' })
  serverUrl?: string;

  @ApiPropertyOptional({ description: 'The channel to reconnect; the account must be the same one' })
  @IsOptional()
  @IsUUID('all', { message: 'reconnectChannelId must be the id of one of this organisation’s channels' })
  reconnectChannelId?: string;
}

export class AuthorizeView {
  @ApiProperty({ description: 'Send the person here to give their consent on the network' })
  authorizeUrl: string;
}

export class SignInChannelDto {
  @ApiProperty({ enum: NETWORKS })
  @IsIn(NETWORKS, { message: NETWORK_MESSAGE })
  network: string;

  @ApiPropertyOptional({ example: 'https://bsky.social' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'serverUrl must be the address of the server, like https://bsky.social' })
  @Length(1, 300, { message: 'serverUrl must be the address of the server, like https://bsky.social' })
  serverUrl?: string;

  @ApiProperty({ example: 'cardiffcouncil.bsky.social', description: 'Handle, DID or e-mail address' })
  @Transform(trim)
  @IsString({ message: 'Enter the account’s handle, like cardiffcouncil.bsky.social' })
  @Length(1, 253, { message: 'Enter the account’s handle, like cardiffcouncil.bsky.social' })
  identifier: string;

  @ApiProperty({ description: 'An app password made for Outside In' })
  @Transform(trim)
  @IsString({ message: 'Enter the app password you made for Outside In' })
  @Length(1, 200, { message: 'Enter the app password you made for Outside In' })
  secret: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'reconnectChannelId must be the id of one of this organisation’s channels' })
  reconnectChannelId?: string;
}

export class OfferedAccountView {
  @ApiProperty() key: string;
  @ApiProperty() handle: string;
  @ApiProperty() displayName: string;
  @ApiProperty() alreadyConnected: boolean;
}

export class ConnectChoiceView {
  @ApiProperty({ enum: NETWORKS }) network: string;
  @ApiProperty() networkName: string;
  @ApiProperty({ type: [OfferedAccountView] }) accounts: OfferedAccountView[];
}

export class ChooseAccountsDto {
  @ApiProperty({ type: [String], description: 'The keys of the accounts to connect' })
  @IsArray({ message: 'Choose at least one account to connect' })
  @ArrayMinSize(1, { message: 'Choose at least one account to connect' })
  @ArrayMaxSize(500, { message: 'Choose at most 500 accounts at once' })
  @IsString({ each: true, message: 'Each chosen account must be a key from the list' })
  accounts: string[];
}
