// A clock for demonstrating reminders locally: it can start at a chosen moment and run faster than real
// time (speed 60: a minute passes every second).
import type { Clock } from "../../domain/ports";

export class AcceleratedClock implements Clock {
  private readonly realStart = Date.now();
  private readonly start: number;

  constructor(
    private readonly speed = 1,
    start?: string,
  ) {
    this.start = start ? Date.parse(start) : this.realStart;
  }

  now(): string {
    return new Date(this.start + (Date.now() - this.realStart) * this.speed).toISOString();
  }
}
