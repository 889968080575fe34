import { SOD_RULES } from '@steerco/authz';
import { ASSIGNMENT_SOD_ERRORS, sodProblem } from './sod-errors';

describe('segregation-of-duties problems at assignment time', () => {
  it('has a problem for every assignment rule of the library, carrying the rule code unchanged', () => {
    const assignmentRules = SOD_RULES.filter((rule) => rule.when === 'assignment').map((rule) => rule.code);
    expect(Object.keys(ASSIGNMENT_SOD_ERRORS).sort()).toEqual([...assignmentRules].sort());
    for (const code of assignmentRules) {
      const error = ASSIGNMENT_SOD_ERRORS[code]?.('x');
      expect([error?.code, error?.status]).toEqual([code, 422]);
    }
  });

  it('names the first rule and keeps every message', () => {
    const problem = sodProblem([
      { code: 'AUTHZ.SOD_SELF_ASSIGNMENT', message: 'Self.' },
      { code: 'AUTHZ.SOD_CONFLICTING_ROLES', message: 'Conflict.' },
    ]);
    expect([problem.code, problem.message]).toEqual(['AUTHZ.SOD_SELF_ASSIGNMENT', 'Self. Conflict.']);
  });
});
