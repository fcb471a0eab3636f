// flechette 2.6.0 publishes its sources without an exports map; these two modules are the steps
// of tableFromIPC (messages, then columns), which read-ipc.ts runs apart to decode each utf8
// dictionary with one TextDecoder call instead of one call per entry.
declare module '@uwdata/flechette/src/decode/decode-ipc.js' {
  export { decodeIPC } from '@uwdata/flechette/dist/types/decode/decode-ipc.js';
}
declare module '@uwdata/flechette/src/decode/table-from-ipc.js' {
  export { createTable } from '@uwdata/flechette/dist/types/decode/table-from-ipc.js';
}
