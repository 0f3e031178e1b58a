// Start-up baseline: Node itself, loading nothing.
import { report } from "./report";

report(200);
