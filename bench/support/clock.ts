// The bot's clock in the benchmark: it stands still at a chosen London working-day moment, so the card
// actions and the reminder schedule behave the same on every run whatever the real date.
import type { Clock } from "../../src/domain/ports";

export class SetClock implements Clock {
  constructor(private instant: string) {}

  now(): string {
    return this.instant;
  }

  set(instant: string): void {
    this.instant = instant;
  }
}
