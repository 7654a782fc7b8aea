import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@outside-in/common';
import { createTransport, type Transporter } from 'nodemailer';

export interface SafeguardingEmail {
  to: string;
  subject: string;
  text: string;
}

/**
 * E-mails the safeguarding alert when SMTP_URL is configured (the in-app notification is always written). Sent
 * after the ingest transaction commits and never failing it: a mail server that is down costs an e-mail, not the
 * message or its flag. The worker has no api MailerService, hence this small one on the same settings.
 */
@Injectable()
export class SafeguardingMail {
  private readonly logger = new Logger(SafeguardingMail.name);
  private readonly transport: Transporter | null;

  constructor(@Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig) {
    this.transport = config?.SMTP_URL ? createTransport(config.SMTP_URL) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(emails: readonly SafeguardingEmail[]): Promise<void> {
    if (!this.transport) return;
    for (const email of emails) {
      try {
        await this.transport.sendMail({ from: this.config!.SMTP_FROM, ...email });
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'Could not send a safeguarding e-mail');
      }
    }
  }
}
