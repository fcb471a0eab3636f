import { DataError } from './data-error.js';

const looksLikeHtml = (text: string) => /^\s*(<!doctype html|<html|<head|<body|<\?xml|<)/i.test(text.slice(0, 200));

/**
 * Bytes of a response to a JSON value, or an error a backend developer can act on:
 * an HTML page (a login redirect or a proxy error page) is told apart from broken JSON.
 */
export function parsePayload(bytes: Uint8Array, url: string, contentType = ''): unknown {
  return parseJsonText(new TextDecoder().decode(bytes), url, contentType);
}

/** JSON text (a body, or the `data` property given as text) to a value, with the same errors. */
export function parseJsonText(input: string, url: string, contentType = ''): unknown {
  // TextDecoder drops a byte-order mark from bytes; text handed over by a page may still carry one.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (/text\/html/i.test(contentType) || looksLikeHtml(text)) {
    const title = /<title[^>]*>([^<]{0,80})/i.exec(text)?.[1]?.trim();
    throw new DataError({
      kind: 'html',
      message: `${url}: expected JSON, received an HTML page${title ? ` ("${title}")` : ''}; is the URL right, or did a login or proxy page answer?`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const start = JSON.stringify(text.slice(0, 40));
    throw new DataError({ kind: 'not-json', message: `${url}: response is not valid JSON (${reason}); it starts with ${start}` });
  }
}
