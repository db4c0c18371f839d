// SPDX-License-Identifier: Apache-2.0
import { fileURLToPath } from 'node:url';

// src/main/app and dist/main/app both sit three levels under the package root.
export const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const rendererDir = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));
