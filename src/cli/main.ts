import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit';
import { registerDemoCommand } from './commands/demo';
import { registerImportCommands } from './commands/import';
import { registerMigrateCommand } from './commands/migrate';
import { registerNikCommand } from './commands/nik';
import { registerRegistryCommands } from './commands/registry';
import { registerServeCommand } from './commands/serve';
import { registerSyncCommand } from './commands/sync';
import { registerUserCommands } from './commands/users';
import { registerUsulanCommands } from './commands/usulan';
import { runCli } from './run';

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
void importCommand;
registerRegistryCommands(program);
registerUsulanCommands(program);
registerSyncCommand(program);

await runCli(program, process.argv);
