/**
 * The creates a run sent whose batch it does not know yet, shared by the
 * ledgers of the REST providers (anthropic-batches.ts, gemini-batches.ts):
 * when a create's answer is lost, a batch listed later that fits it is taken
 * for its own, so that the caller does not create a second one. What "fits"
 * is each provider's.
 */

/** What every attempt carries. */
export interface Pending {
  /** Unix seconds. */
  readonly sentAt: number
  /** Its answer was lost: a batch it made may be listed. */
  lost?: boolean
}

export class CreateAttempts<A extends Pending> {
  private readonly attempts: A[] = []

  /** A create about to be sent. */
  attempt(a: A): A {
    this.attempts.push(a)
    return a
  }

  /**
   * A create whose answer was lost: from now on an unknown batch like it is
   * taken for its own. Not before: a batch of a create still waiting for its
   * answer must not be taken for another's.
   */
  lost(a: A): void {
    a.lost = true
  }

  /** A create refused, or never sent in full: it made no batch. */
  forget(a: A): void {
    const i = this.attempts.indexOf(a)
    if (i >= 0) this.attempts.splice(i, 1)
  }

  /** The first lost attempt that `fits`, taken off the list: the create that made the batch. */
  protected takeLost(fits: (a: A) => boolean): A | undefined {
    const i = this.attempts.findIndex(a => a.lost === true && fits(a))
    return i < 0 ? undefined : this.attempts.splice(i, 1)[0]
  }
}
