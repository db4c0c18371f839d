// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import {
  ROLES,
  missingRole,
  roleAllows,
  stricterRole,
  withArticle,
} from '../../../src/shared/roles.js';

describe('roles', () => {
  it('lets each role do what it needs and what every earlier role needs', () => {
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('operator', 'viewer')).toBe(true);
    expect(roleAllows('operator', 'operator')).toBe(true);
    expect(roleAllows('admin', 'operator')).toBe(true);
    expect(roleAllows('admin', 'admin')).toBe(true);
  });

  it('refuses what needs a later role', () => {
    expect(roleAllows('viewer', 'operator')).toBe(false);
    expect(roleAllows('viewer', 'admin')).toBe(false);
    expect(roleAllows('operator', 'admin')).toBe(false);
  });

  it('orders the roles viewer, operator, admin', () => {
    expect(ROLES).toEqual(['viewer', 'operator', 'admin']);
  });

  it('picks the stricter of two roles whichever comes first', () => {
    expect(stricterRole('viewer', 'admin')).toBe('admin');
    expect(stricterRole('admin', 'viewer')).toBe('admin');
    expect(stricterRole('operator', 'operator')).toBe('operator');
  });

  it('names a role with its article', () => {
    expect(withArticle('viewer')).toBe('a viewer');
    expect(withArticle('operator')).toBe('an operator');
  });
});

describe('missingRole', () => {
  const vera = { user: 'vera', role: 'viewer', owner: false } as const;
  it('says which role is needed and which the caller has', () => {
    expect(missingRole(vera, 'operator')).toBe('the operator role (you are a viewer)');
  });
  it('says nothing when the role suffices, or the caller is not known yet', () => {
    expect(missingRole(vera, 'viewer')).toBeUndefined();
    expect(missingRole({ ...vera, role: 'admin' }, 'admin')).toBeUndefined();
    expect(missingRole(undefined, 'admin')).toBeUndefined();
  });
});
