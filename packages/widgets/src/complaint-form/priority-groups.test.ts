import { readFileSync } from 'node:fs';
import { PriorityGroup } from '@complaintkit/core/domain';
import { describe, expect, it } from 'vitest';

/**
 * The form writes its priority-group checkboxes out in its template (one template instance fewer per
 * render), so a group added to core's `PriorityGroup` would be missing from the form without this
 * check: each group has exactly one checkbox, and no checkbox names a group core does not know.
 */
describe('the form\'s priority-group checkboxes', () => {
  it('are exactly the priority groups of the domain, each once', () => {
    const template = readFileSync(new URL('./complaint-form.ts', import.meta.url), 'utf8');
    const values = [...template.matchAll(/name="priorityGroups" value="([a-z_]+)"/g)].map((m) => m[1]);
    expect([...values].sort()).toEqual([...PriorityGroup.options].sort());
    expect(new Set(values).size).toBe(values.length);
  });
});
