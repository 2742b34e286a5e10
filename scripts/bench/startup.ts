/**
 * Does nothing, on purpose: the benchmark runs it the way it runs the commands to measure what
 * starting Node with tsx costs by itself, so the check's and a no-op build's own share is visible.
 */
export {};
