// Bounds on what a script from a course participant can make the sandbox do. Each is chosen so a
// legitimate exercise never meets it, and a runaway one stops or slows down the way it would in a
// small container instead of exhausting the Node.js process.

export interface ShellLimits {
  /** Characters in one variable, word, command substitution or file read whole (sort, sed). */
  maxString: number;
  /** Nested function calls, sourced files and subshells: past it the shell dies as ash does on stack exhaustion (SIGSEGV, 139). */
  maxDepth: number;
  /** Background jobs a shell may have running at once: past it `&` fails as fork does (EAGAIN). */
  maxJobs: number;
  /** Processes in one process table (a container's pids limit). */
  maxProcesses: number;
  /** Commands, loop iterations and output chunks per simulated second (cpu-budget.ts). */
  stepsPerSecond: number;
  /** Characters of output costing one step. */
  bytesPerStep: number;
}

export const DEFAULT_LIMITS: ShellLimits = {
  maxString: 1 << 20,
  maxDepth: 400,
  maxJobs: 64,
  maxProcesses: 512,
  stepsPerSecond: 20_000,
  bytesPerStep: 512,
};
