import type { Command } from 'commander';
import { AppError } from '../platform/errors';

/** Parses and runs; renders AppError as one clear line (Bahasa Indonesia) with its code. */
export async function runCli(program: Command, argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`Galat [${error.code}]: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`Galat tak terduga: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}

/** Prints a machine-readable result on stdout (for `--json`). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
