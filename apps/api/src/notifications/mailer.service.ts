import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@outside-in/common';
import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

/**
 * E-mail when SMTP_URL is configured; otherwise nothing (the in-app notification is the record). Sending happens
 * after the change has committed and never fails it: a mail server that is down costs an e-mail, not a decision.
 */
@Injectable()
export class MailerService {
  private readonly logger = new Logger(MailerService.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(emails: OutgoingEmail[]): Promise<void> {
    if (!this.transport) return;
    for (const email of emails) {
      try {
        await this.transport.sendMail({ from: this.config.SMTP_FROM, ...email });
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'Could not send a notification e-mail');
      }
    }
  }
}
