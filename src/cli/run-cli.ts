import { InputError, UsageError, type CliIo } from './command';
import { COMMANDS } from './registry';

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: npm run --silent cli -- <command> [flags]\n\nCommands:\n${lines.join('\n')}\n\nRun a command with --help for its flags and output layout.\n`;
}

/** Runs one CLI invocation and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`tapewatch: unknown command ${JSON.stringify(name)}\n\n${overview()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tapewatch ${command.name}: ${error.message}\nRun with --help for usage.\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr(`tapewatch ${command.name}: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`tapewatch ${command.name}: ${message}\n`);
    return 1;
  }
}
