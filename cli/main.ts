// ml-config-rules: list, evaluate, test and sample the pack's rules on this machine.
import { runProgram } from './program.js';

const code = await runProgram(process.argv);
// An error ends the process at once, whatever sockets the SDK keeps open; otherwise the exit code
// the command set stands when the event loop drains.
if (code !== undefined) process.exit(code);
