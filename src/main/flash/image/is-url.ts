// SPDX-License-Identifier: Apache-2.0

export const isUrl = (image: string): boolean => /^https?:\/\//i.test(image);
