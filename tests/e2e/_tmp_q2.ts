import { openWorkspace } from '../../electron/core/workspace';
const ws = await openWorkspace(process.argv[2]!, { readOnly: true });
console.log(await ws.all(process.argv[3]!));
ws.close();
