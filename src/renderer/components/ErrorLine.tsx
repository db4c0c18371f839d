// SPDX-License-Identifier: Apache-2.0

/** What went wrong, announced as it appears; nothing while all is well. */
export function ErrorLine(props: { text: string | undefined }) {
  if (!props.text) return null;
  return (
    <p className="error-text" role="alert">
      {props.text}
    </p>
  );
}
