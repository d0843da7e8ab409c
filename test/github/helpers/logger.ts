import type { Logger } from "probot";

export interface LogRecord {
  readonly level: string;
  readonly bindings: Readonly<Record<string, unknown>>;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly message: string;
}

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

/** A pino-shaped logger that keeps its records (with the child bindings, e.g. the delivery id). */
export function recordingLogger(records: LogRecord[] = [], bindings: Record<string, unknown> = {}): Logger {
  const logger: Record<string, unknown> = {
    level: "trace",
    child: (more: Record<string, unknown>) => recordingLogger(records, { ...bindings, ...more }),
    isLevelEnabled: () => true,
  };
  for (const level of LEVELS) {
    logger[level] = (first?: unknown, second?: unknown) => {
      // An error logged on its own (Probot does this) is kept whole under `err`, as pino would.
      const fields =
        first instanceof Error
          ? { err: first }
          : typeof first === "object" && first !== null
            ? (first as Record<string, unknown>)
            : {};
      const message =
        typeof first === "string"
          ? first
          : typeof second === "string"
            ? second
            : first instanceof Error
              ? first.message
              : "";
      records.push({ level, bindings, fields, message });
    };
  }
  return logger as unknown as Logger;
}
