// Preloaded with `node -r` by the benchmark: on exit, writes this process's peak RSS (KiB)
// to the file named by BENCH_RSS_FILE.
import * as fs from "fs";

process.on("exit", () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
