// A clock that stands still until a test moves it.
import type { Clock } from "../../src/domain/ports";

export class FixedClock implements Clock {
  constructor(private instant: string) {}

  now(): string {
    return this.instant;
  }

  set(instant: string): void {
    this.instant = instant;
  }

  advance(ms: number): void {
    this.instant = new Date(Date.parse(this.instant) + ms).toISOString();
  }
}
