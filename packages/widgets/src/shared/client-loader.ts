// The client's code (ky, the schemas), behind one dynamic import so a page gets it on first use and
// the size budgets can tell the eager code from the lazy.
export { createComplaintClient } from '@complaintkit/core';
