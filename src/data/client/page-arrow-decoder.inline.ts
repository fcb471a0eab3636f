/**
 * The single-file script's stand-in for page-arrow-decoder.ts: it has no chunks to load, and
 * carrying flechette for the rare page without a worker would cost every page its size. Such a
 * page is told the Arrow form needs the worker (decode-response.ts).
 */
export function providePageArrowDecoder(): void {}
