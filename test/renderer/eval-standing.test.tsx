import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EvalReports } from '../../src-renderer/src/evals/EvalReports';
import { makeReport } from './review-fixtures';

describe('evaluation reports', () => {
  it('say when a measured report does not count, and why on hover', () => {
    const reason = '3 of its 3 charges not received yet';
    render(
      <EvalReports
        me={null}
        reports={[makeReport('p:model', { ts: 2, standing: 'pending', standingReason: reason }), makeReport('p:model', { ts: 1 })]}
      />,
    );
    const notes = screen.getAllByTestId('eval-standing');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.textContent).toContain('not counted (pending)');
    expect(notes[0]!.getAttribute('title')).toBe(reason);
    expect(screen.getAllByTestId('eval-report').map((row) => row.getAttribute('data-standing'))).toEqual(['pending', 'counted']);
  });
});
