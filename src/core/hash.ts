import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * SHA-256 (hex) of a cell's source. The agent compares this with the hash of the
 * text a page asks it to run, so both sides must hash exactly the same bytes:
 * the UTF-8 source with no trailing newline normalisation beyond what remark gives.
 */
export function hashSource(source: string): string {
  return bytesToHex(sha256(utf8ToBytes(source)));
}
