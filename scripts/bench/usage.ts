// Preloaded with `node -r` by the benchmark: on exit, writes this process's CPU time and peak
// RSS (all threads, the kernel's own accounting) as JSON to the file named by BENCH_USAGE_FILE.
import * as fs from "fs";

process.on("exit", () => {
  const file = process.env.BENCH_USAGE_FILE;
  if (!file) return;
  const u = process.resourceUsage();
  fs.writeFileSync(
    file,
    JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, rssKiB: u.maxRSS }),
  );
});
