// SPDX-License-Identifier: Apache-2.0

/** An image given as an http(s) address is downloaded, not opened: faces leave it as it is. */
export const isUrl = (image: string): boolean => /^https?:\/\//i.test(image);
