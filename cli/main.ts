// ml-config-rules: list, evaluate, test and sample the pack's rules on this machine.
import { endQuietlyOnClosedPipe } from './output.js';
import { runProgram } from './program.js';

// `ml-config-rules test | head -1`: the reader leaves early; the command still ends with its own code.
endQuietlyOnClosedPipe(process.stdout);
const code = await runProgram(process.argv);
// An error ends the process at once, whatever sockets the SDK keeps open; otherwise the exit code
// the command set stands when the event loop drains.
if (code !== undefined) process.exit(code);
