import { Logger } from '@nestjs/common';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

const TASKS = 'outsideIn.afterCommit';
type Task = () => Promise<void>;

/**
 * Runs work (adding queue jobs) once the transaction it belongs to has committed, never before: a job added
 * inside the transaction could run before the row it reads exists, or for a row that was rolled back. A task
 * that fails is logged, not thrown: the rows are committed, and the reconciler recreates missing jobs within
 * 30 seconds.
 */
export class AfterCommit implements EntitySubscriberInterface {
  private readonly logger = new Logger(AfterCommit.name);

  static install(dataSource: DataSource): AfterCommit {
    const existing = dataSource.subscribers.find((s): s is AfterCommit => s instanceof AfterCommit);
    if (existing) return existing;
    const subscriber = new AfterCommit();
    dataSource.subscribers.push(subscriber);
    return subscriber;
  }

  /** Runs `task` after `manager`'s transaction commits, or now when it is not in one. */
  async run(manager: EntityManager, task: Task): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      await this.safely(task);
      return;
    }
    const tasks = ((runner.data as Record<string, Task[] | undefined>)[TASKS] ??= []);
    tasks.push(task);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    // A savepoint's release also "commits"; the work waits for the outermost transaction.
    if (runner.isTransactionActive) return;
    const data = runner.data as Record<string, Task[] | undefined>;
    const tasks = data[TASKS];
    if (!tasks?.length) return;
    delete data[TASKS];
    for (const task of tasks) await this.safely(task);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    delete (event.queryRunner.data as Record<string, unknown>)[TASKS];
  }

  private async safely(task: Task): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.logger.error({ err: error }, 'Work after commit failed; the publishing reconciler will redo it');
    }
  }
}
