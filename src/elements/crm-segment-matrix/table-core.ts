// The parts of @tanstack/table-core the drill-down uses: a chunk of its own, loaded when a drill-down first opens.
export { createTable, functionalUpdate, getCoreRowModel } from '@tanstack/table-core';
