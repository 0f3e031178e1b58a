// The one way the bot's code reaches zod. Each object schema would otherwise compile a checking function of
// its own (`new Function`) the first time it checks: about a millisecond each, on a worker's first request,
// for checks no faster afterwards on documents the size of the bot's (measured: 0.03 ms a stored record
// either way). Set here, before any schema is made, since a schema reads the setting when it is made.
import { z } from "zod";

z.config({ jitless: true });

export { z };
