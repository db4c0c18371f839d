// SPDX-License-Identifier: Apache-2.0
// Terminal bytes travel as base64 (binary garbage from a board survives JSON); the DOM has only
// atob/btoa, which work on one byte per character.

export function fromBase64(data: string): Uint8Array {
  const text = atob(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export const toBase64 = (text: string): string => bytesToBase64(new TextEncoder().encode(text));
