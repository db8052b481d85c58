/** A change that cannot be applied as sent (unknown line, impossible date): the event is recorded as failed with this reason. */
export class StoreChangeError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "StoreChangeError";
  }
}
