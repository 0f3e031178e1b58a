// The system clock: the one place the product reads the time of day. The domain is always given the time.
import type { Clock } from "../domain/ports";

export const systemClock: Clock = { now: () => new Date().toISOString() };
