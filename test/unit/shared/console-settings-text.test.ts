// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { ConsoleSettings, defaultConsoleSettings } from '../../../src/shared/contract/index.js';
import { describeSettings } from '../../../src/shared/console-settings-text.js';

describe('describeSettings', () => {
  it('says rate and framing as tio does, and flow control only when there is some', () => {
    expect(describeSettings(defaultConsoleSettings())).toBe('115200 8N1');
    const odd = ConsoleSettings.parse({ baudRate: 9600, parity: 'even', stopBits: 2 });
    expect(describeSettings({ ...odd, flowControl: 'rts-cts' })).toBe('9600 8E2 RTS/CTS');
  });
});
