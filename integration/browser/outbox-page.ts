// A minimal H5 page with complaint entry through the offline outbox, for the real-browser tests:
// real IndexedDB, real Web Locks, real online/offline events, real reloads.
import { createComplaintClient } from '@complaintkit/core';
import { createOutbox, IndexedDBStorage } from '@complaintkit/core/outbox';

const params = new URLSearchParams(location.search);
const client = createComplaintClient({ baseUrl: location.origin, token: params.get('token') ?? '', maxRetries: 0 });
const outbox = createOutbox({ client, storage: new IndexedDBStorage({ name: 'ck-browser-test' }), retry: { baseMs: 20, maxMs: 200 } });

Object.assign(window, {
  ck: {
    add: (n: number) =>
      outbox.add('complaint', {
        intakeChannel: 'mobile_app',
        businessChannel: 'A010303',
        businessCategory: 'B0302',
        cause: 'C11',
        complainant: { name: '张三', phone: '13812345678', customerId: 'C-000001' },
        description: `离线提交 第 ${n} 笔`,
      }).then((i) => i.id),
    states: () => outbox.list().then((items) => items.map((i) => i.state)),
    ids: () => outbox.list().then((items) => items.map((i) => i.id)),
  },
});
