// Preloaded with `node -r` by the benchmark: the app runs with the library's opt-in
// `disableTokenStackTraces()` (lib/core/token-stack-traces.ts) called first.
import { disableTokenStackTraces } from "../../lib/core/token-stack-traces";

disableTokenStackTraces();
