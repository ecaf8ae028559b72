// Requests to a worker made faster than it answers (a dragged point, a slider): at most one is
// in flight, and while it is, only the newest request waits; older waiting ones are dropped.
// Every answer is delivered (a drag shows its intermediate positions), and the one after the
// last request always comes, so the picture ends where the pointer stopped.
export class LatestOnly<Q, R> {
  private inFlight = false;
  private waiting: { request: Q } | null = null;
  private stopped = false;

  constructor(
    private readonly run: (request: Q) => Promise<R>,
    private readonly done: (request: Q, result: R) => void,
    private readonly failed: (request: Q, error: Error) => void,
  ) {}

  submit(request: Q): void {
    if (this.stopped) return;
    if (this.inFlight) this.waiting = { request };
    else this.start(request);
  }

  // True while a request is in flight or waiting.
  busy(): boolean {
    return this.inFlight || this.waiting !== null;
  }

  // No more requests, and no answers for those already made.
  stop(): void {
    this.stopped = true;
    this.waiting = null;
  }

  private start(request: Q): void {
    this.inFlight = true;
    let answer: Promise<R>;
    try {
      answer = this.run(request);
    } catch (e) {
      answer = Promise.reject(e);
    }
    answer.then(
      (result) => this.finish(() => this.done(request, result)),
      (e: unknown) =>
        this.finish(() => this.failed(request, e instanceof Error ? e : new Error(String(e)))),
    );
  }

  // The next request starts before the answer is delivered, so busy() tells the receiver
  // whether a newer answer is on its way.
  private finish(deliver: () => void): void {
    this.inFlight = false;
    const next = this.waiting;
    this.waiting = null;
    if (next && !this.stopped) this.start(next.request);
    if (!this.stopped) deliver();
  }
}
