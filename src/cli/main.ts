import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit';
import { registerBeritaAcaraCommand } from './commands/berita-acara';
import { registerDemoCommand } from './commands/demo';
import { registerImportCommands } from './commands/import';
import { registerAllocationImportCommand } from './commands/import-alokasi';
import { registerDisbursementImportCommand } from './commands/import-penyaluran';
import { registerMigrateCommand } from './commands/migrate';
import { registerNikCommand } from './commands/nik';
import { registerProgramCommands } from './commands/program';
import { registerRealisasiCommand } from './commands/realisasi';
import { registerRegistryCommands } from './commands/registry';
import { registerRekonsiliasiCommand } from './commands/rekonsiliasi';
import { registerSasaranCommands } from './commands/sasaran';
import { registerServeCommand } from './commands/serve';
import { registerSyncCommand } from './commands/sync';
import { registerUserCommands } from './commands/users';
import { registerUsulanCommands } from './commands/usulan';
import { runCli } from './run';

// `salur program list | head`: the reader closed the pipe, which is not an error of the command.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command('salur')
  .description('Salur — penyaluran bantuan sosial untuk Dinas Sosial kabupaten/kota')
  .showHelpAfterError();

registerServeCommand(program);
registerMigrateCommand(program);
registerNikCommand(program);
registerUserCommands(program);
registerAuditCommands(program);
registerDemoCommand(program);
const importCommand = registerImportCommands(program);
registerAllocationImportCommand(importCommand);
registerDisbursementImportCommand(importCommand);
void importCommand;
registerRegistryCommands(program);
registerUsulanCommands(program);
registerSyncCommand(program);
registerProgramCommands(program);
registerRekonsiliasiCommand(program);
registerBeritaAcaraCommand(program);
registerRealisasiCommand(program);
registerSasaranCommands(program);

await runCli(program, process.argv);
