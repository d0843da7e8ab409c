import { LruCache } from "../manifests/lru-cache.js";

/**
 * The `X-GitHub-Delivery` ids this process has handled or is handling, the most recent 10,000.
 * GitHub gives a redelivery the id of the original delivery; handling it again would post a
 * second reply or re-run a review (https://docs.github.com/webhooks/using-webhooks/best-practices-for-using-webhooks).
 * A delivery whose handling failed is forgotten, so that redelivering it retries it.
 */
export class HandledDeliveries {
  private readonly ids: LruCache<string, true>;

  constructor(capacity = 10_000) {
    this.ids = new LruCache<string, true>(capacity);
  }

  /** True the first time an id is seen (the caller handles it); false for a repeat. */
  claim(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.set(id, true);
    return true;
  }

  /** The handling failed: a redelivery of the id is handled again. */
  release(id: string): void {
    this.ids.delete(id);
  }
}
