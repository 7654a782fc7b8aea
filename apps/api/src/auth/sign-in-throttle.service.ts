import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TooManyAttemptsError } from '@outside-in/common';
import { SignInThrottle } from '@outside-in/database';
import { describeWait, FORGET_AFTER_MS, nextAttemptAfterFailure } from './sign-in-throttle';

/** Kept in Postgres so every api process behind a load balancer applies the same limit. */
@Injectable()
export class SignInThrottleService {
  constructor(@InjectRepository(SignInThrottle) private readonly throttles: Repository<SignInThrottle>) {}

  async assertMayTry(email: string): Promise<void> {
    const throttle = await this.throttles.findOne({ where: { email } });
    if (!throttle?.nextAttemptAt) return;
    const waitMs = throttle.nextAttemptAt.getTime() - Date.now();
    if (waitMs > 0)
      throw new TooManyAttemptsError(describeWait(throttle.failures, waitMs), Math.ceil(waitMs / 1000));
  }

  async recordFailure(email: string): Promise<void> {
    const now = new Date();
    // One statement, so that parallel failures count exactly; a quiet hour starts the count again.
    const rows: Array<{ failures: number }> = await this.throttles.query(
      `INSERT INTO sign_in_throttle (email, failures, last_failure_at) VALUES ($1, 1, $2)
       ON CONFLICT (email) DO UPDATE SET
         failures = CASE WHEN sign_in_throttle.last_failure_at < $3 THEN 1 ELSE sign_in_throttle.failures + 1 END,
         last_failure_at = $2
       RETURNING failures`,
      [email, now, new Date(now.getTime() - FORGET_AFTER_MS)],
    );
    const failures = rows[0].failures;
    await this.throttles.update({ email }, { nextAttemptAt: nextAttemptAfterFailure(failures, now) });
  }

  async recordSuccess(email: string): Promise<void> {
    await this.throttles.delete({ email });
  }
}
