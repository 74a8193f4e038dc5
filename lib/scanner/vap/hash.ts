/** FNV-1a 64-bit of a policy's text: stable across runs and platforms, with no crypto dependency (lib/scanner is pure). */
export function textHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}
