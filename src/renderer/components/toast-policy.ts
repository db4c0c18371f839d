// SPDX-License-Identifier: Apache-2.0

export interface Toast {
  id: string;
  kind: 'success' | 'error' | 'info';
  title: string;
  text: string;
}

/** How long a toast stays by itself: an error stays until it is dismissed (undefined). */
export function toastLifetimeMs(kind: Toast['kind']): number | undefined {
  return kind === 'error' ? undefined : 6000;
}
