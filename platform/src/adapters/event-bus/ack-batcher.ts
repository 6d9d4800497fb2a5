/**
 * Coalesces acknowledgements: ids added while one statement runs go together in the next, so a
 * busy consumer settles hundreds of jobs per round trip and an idle one settles each at once.
 * `add` resolves once the statement holding that id committed.
 */
export class AckBatcher {
  private waiting: string[] = [];
  private next: Promise<void> | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly settle: (ids: readonly string[]) => Promise<void>) {}

  add(id: string): Promise<void> {
    this.waiting.push(id);
    this.next ??= this.flushAfterInFlight();
    return this.next;
  }

  private async flushAfterInFlight(): Promise<void> {
    await this.inFlight?.catch(() => {});
    const ids = this.waiting;
    this.waiting = [];
    this.next = undefined;
    this.inFlight = this.settle(ids);
    await this.inFlight;
  }
}
