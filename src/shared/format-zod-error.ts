// SPDX-License-Identifier: Apache-2.0
import type { z } from 'zod';

/** "field: problem; other: problem", short enough for a terminal line. */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : 'input';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
