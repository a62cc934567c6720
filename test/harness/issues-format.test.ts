import { describe, expect, it } from 'vitest';
import { formatIssue, formatIssues, type Issue } from '../../harness/util/issues.js';

const issue = (over: Partial<Issue>): Issue => ({ code: 'X', file: 'scenarios/x.yaml', line: 7, column: 5, path: 'faults.0.kind', message: 'bad', ...over });

describe('formatting issues', () => {
  it('puts file:line:column, the path, the message and the allowed values on one line', () => {
    expect(
      formatIssue(
        issue({
          message: 'unknown fault kind "state.tamperd" — did you mean "state.tampered"?',
          allowed: ['state.tampered', 'token.expired', 'rate-limit'],
        }),
      ),
    ).toBe('scenarios/x.yaml:7:5 faults.0.kind: unknown fault kind "state.tamperd" — did you mean "state.tampered"? (allowed: state.tampered, token.expired, rate-limit)');
  });

  it('leaves out what an issue does not have: a path, a position, allowed values', () => {
    expect(formatIssue(issue({ path: '', allowed: [] }))).toBe('scenarios/x.yaml:7:5 bad');
    expect(formatIssue(issue({ line: 0, column: 0, path: '' }))).toBe('scenarios/x.yaml bad');
  });

  it('ends a list with how many issues in how many files', () => {
    expect(formatIssues([issue({}), issue({ file: 'b.yaml' }), issue({ line: 9 })])).toBe(
      ['scenarios/x.yaml:7:5 faults.0.kind: bad', 'b.yaml:7:5 faults.0.kind: bad', 'scenarios/x.yaml:9:5 faults.0.kind: bad', '3 issues in 2 files'].join('\n'),
    );
    expect(formatIssues([issue({})]).split('\n').at(-1)).toBe('1 issue in 1 file');
  });
});
