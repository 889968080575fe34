import { defineAbilityFor, type AppAbility } from '../ability';
import type { RoleDefinition } from '../roles';
import { assign, node, onNode } from '../../test/support/tree';
import {
  editableTabs,
  filterFields,
  forbiddenFieldsForWrite,
  viewableFields,
  viewableTabs,
} from './field-access';
import { FIELD_MAP, extendFieldMap } from './field-map';

const abilityOf = (userId: string, ...assignments: ReturnType<typeof assign>[]): AppAbility =>
  defineAbilityFor({ userId }, assignments);

const measure = { ...node('m1'), description: 'Cut travel', createdAt: '2027-01-01', secret: 'x' };

describe('tab and field access', () => {
  it('lists the tabs a role may view and edit on a node', () => {
    const owner = abilityOf('alice', assign('alice', 'measure-owner', 'project'));
    expect(viewableTabs(owner, 'Node', node('m1'))).toEqual([
      'overview',
      'financials-plan',
      'financials-actual',
      'status',
      'milestones-tasks',
      'documents',
      'gates-decisions',
      'history-audit',
    ]);
    expect(editableTabs(owner, 'Node', node('m1'))).toEqual([
      'overview',
      'financials-plan',
      'financials-actual',
      'status',
      'milestones-tasks',
      'documents',
    ]);
    expect(editableTabs(owner, 'Node', node('m2'))).toEqual([]);
    expect(viewableTabs(owner, 'Node', node('m3'))).toEqual([]);
  });

  it("shows only the viewable tabs' fields, with the identity", () => {
    const viewer = abilityOf('vic', assign('vic', 'viewer', 'org'));
    expect(viewableFields(viewer, 'Node', measure)).toEqual(
      Object.keys(measure).filter((field) => field !== 'secret'),
    );
    const nobody = abilityOf('nobody');
    expect(viewableFields(nobody, 'Node', measure)).toEqual([]);
  });

  it('filters a record down to the permitted tabs and leaves the original alone', () => {
    const line = onNode('m1', { id: 'line-1', plan: '100.00', actual: '80.00', actualState: 'validated' });
    const external = abilityOf('eve', assign('eve', 'external', 'project', '2999-01-01T00:00:00Z'));
    const teamMember = abilityOf('tom', assign('tom', 'team-member', 'project'));
    const controller = abilityOf('carol', assign('carol', 'controller', 'project'));
    expect(filterFields(external, 'view', 'EffectLine', line)).toEqual({});
    expect(filterFields(teamMember, 'view', 'EffectLine', line)).toEqual({});
    expect(filterFields(controller, 'view', 'EffectLine', line)).toEqual({
      id: 'line-1',
      plan: '100.00',
      actual: '80.00',
      actualState: 'validated',
    });
    expect(line['plan']).toBe('100.00');
  });

  it('filters by the action asked: export is its own atom', () => {
    const teamMember = abilityOf('tom', assign('tom', 'team-member', 'project'));
    expect(filterFields(teamMember, 'export', 'Node', measure)).toEqual({});
    expect(Object.keys(filterFields(teamMember, 'view', 'Node', measure))).toContain('title');
  });

  it("hides a type's fields on a tab that opens through view-audit", () => {
    const record = onNode('m2', { id: 'audit-1', before: { title: 'a' }, after: { title: 'b' } });
    const viewer = abilityOf('vic', assign('vic', 'viewer', 'org'));
    const sponsor = abilityOf('sam', assign('sam', 'sponsor', 'org'));
    expect(filterFields(viewer, 'view', 'AuditRecord', record)).toEqual({});
    expect(filterFields(sponsor, 'view', 'AuditRecord', record)).toMatchObject({
      id: 'audit-1',
      after: { title: 'b' },
    });
  });

  describe('forbiddenFieldsForWrite', () => {
    const owner = abilityOf('alice', assign('alice', 'measure-owner', 'project'));

    it("allows an owner's change of overview fields of their measure", () => {
      expect(forbiddenFieldsForWrite(owner, 'Node', node('m1'), ['title', 'region'])).toEqual([]);
    });

    it('names every field of a change the caller may not make', () => {
      expect(forbiddenFieldsForWrite(owner, 'Node', node('m2'), ['title', 'region'])).toEqual([
        'title',
        'region',
      ]);
      expect(forbiddenFieldsForWrite(owner, 'Node', node('m1'), ['title', 'id', 'secret'])).toEqual([
        'id',
        'secret',
      ]);
    });

    it('judges by the stored record, so nobody takes over a measure by naming themselves owner', () => {
      expect(forbiddenFieldsForWrite(owner, 'Node', node('m2'), ['ownerId'])).toEqual(['ownerId']);
    });

    it('writes actuals through enter-actual, not edit', () => {
      const line = onNode('m1', { id: 'line-1' });
      const pm = abilityOf('pat', assign('pat', 'project-manager', 'project'));
      expect(forbiddenFieldsForWrite(owner, 'EffectLine', line, ['actual', 'plan'])).toEqual([]);
      expect(forbiddenFieldsForWrite(pm, 'EffectLine', line, ['actual', 'plan'])).toEqual(['actual']);
    });

    it('follows fields a service added to the map', () => {
      const map = extendFieldMap(FIELD_MAP, 'Node', { status: ['implementationStatus'] });
      const pm = abilityOf('pat', assign('pat', 'project-manager', 'project'));
      const readOnlyStatus: RoleDefinition = {
        id: 'status-reader',
        name: 'Status reader',
        builtIn: false,
        mfaRequired: false,
        timeBoxed: false,
        grants: [{ atom: 'view', tabs: ['overview', 'status'] }],
      };
      const reader = abilityOf('rita', assign('rita', readOnlyStatus, 'project'));
      expect(forbiddenFieldsForWrite(pm, 'Node', node('m1'), ['implementationStatus'], map)).toEqual([]);
      expect(forbiddenFieldsForWrite(reader, 'Node', node('m1'), ['implementationStatus'], map)).toEqual([
        'implementationStatus',
      ]);
      expect(
        viewableFields(
          reader,
          'Node',
          { id: 'x', path: node('m1')['path'], implementationStatus: 'On track' },
          map,
        ),
      ).toEqual(['id', 'path', 'implementationStatus']);
    });
  });
});
